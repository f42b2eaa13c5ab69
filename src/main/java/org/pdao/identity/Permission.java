package org.pdao.identity;

/**
 * What a role may do. Endpoints check these on the server with
 * {@code @PreAuthorize("hasAuthority('NAME')")}; a test proves every endpoint names one that exists.
 */
public enum Permission {
    /** Read organizations and their standing. */
    ORG_READ,
    /** Register and change organizations. */
    ORG_MANAGE,
    /** Record credit-list entries (失信被执行人 …) of an organization. */
    CREDIT_RECORD,
    /** Record security incidents of an organization. */
    INCIDENT_RECORD,
    /** Create users, assign roles, unlock and disable accounts. */
    USER_MANAGE,
    /** Read users. */
    USER_READ,
    /** Security policies, keys and grades. */
    SECURITY_POLICY,
    /** Read the jurisdiction profiles and ask the working-day calendar. */
    PROFILE_READ,
    /** Read the audit log. */
    AUDIT_READ,
    /** Verify and export the audit log. */
    AUDIT_VERIFY,
    /** Read the resource catalog and search published development-catalog entries. */
    CATALOG_READ,
    /** Create, change and import resource-catalog entries (a source unit only for its own unit). */
    CATALOG_MAINTAIN,
    /** Compile, submit, publish and withdraw development-catalog entries (开发数据目录). */
    DEV_CATALOG_COMPILE,
    /** Approve or reject submitted development-catalog entries. */
    DEV_CATALOG_APPROVE,
    /** Assign registration numbers to resources in scope (公共数据资源登记). */
    CATALOG_REGISTER,
    /** Create data zones (专区) with their supervisor and operator. */
    ZONE_MANAGE,
    /** Read data zones. */
    ZONE_READ,
    /** Load datasets into the raw store of a zone the organization operates. */
    DATASET_INGEST,

    // catalog supply: demands, sharing requests (issue 7)
    /** Read data demands, sharing requests and unmet needs of one's own organization (the authority: all). */
    SUPPLY_READ,
    /** Submit data demands for data not yet collected (TZM-11). */
    DEMAND_SUBMIT,
    /** Answer and deliver data demands addressed to one's source unit (TZM-11). */
    DEMAND_ANSWER,
    /** Request sharing of a catalog resource (TZM-15). */
    SHARING_REQUEST,
    /** Review sharing requests for one's source unit's resources (TZM-15). */
    SHARING_REVIEW,
    /** Rule on arbitration items: refused or late sharing reviews, unanswered demands (TZM-15). */
    SUPPLY_ARBITRATE,
    /** Record development-catalog needs the catalog does not meet (TZ-13). */
    NEED_RECORD,
    /** Gather recorded needs into a submission to the data authority (TZ-13). */
    NEED_SUBMIT,
    /** Answer the operators' need submissions (TZ-13). */
    NEED_ANSWER,

    // supervision: alerts, quality issues and rectification, contribution (issue 7 and later)
    /** Read alerts of one's own organization (authority and security supervisors: all they supervise). */
    ALERT_READ,
    /** Acknowledge alerts of one's own organization; the authority also closes them. */
    ALERT_HANDLE,
    /** Raise a quality issue (a governance request, TZ-17). */
    QUALITY_REPORT,
    /** Read quality issues and rectification tasks. */
    QUALITY_READ,
    /** Dispatch rectification tasks or dismiss governance requests (the data authority). */
    QUALITY_DISPATCH,
    /** Report the correction of a rectification task addressed to one's source unit (TZM-12). */
    QUALITY_RECTIFY,
    /** Read the contribution assessment of source units (TZ-19). */
    CONTRIBUTION_READ,

    // authorization: plans, announcements, applications, selection, agreements, filing, onboarding, exit (issue 6)
    /** Read agreements the organization is a party to (authorities and supervisors: all). */
    AGREEMENT_READ,
    /** Draft agreements as the grantor: create, clauses, amendments. */
    AGREEMENT_DRAFT,
    /** Sign agreements with the organization's SM2 key and register that key. */
    AGREEMENT_SIGN,
    /** Suspend, resume, revoke and terminate agreements as grantor or authority. */
    AGREEMENT_ENFORCE,
    /** Apply for developer onboarding (TZ-9) and upload its materials. */
    ONBOARDING_APPLY,
    /** Decide onboarding applications and file approvals with the authority (operator). */
    ONBOARDING_DECIDE,
    /** Read onboarding applications the organization is involved in (authorities: all). */
    ONBOARDING_READ,
    /** Download application materials the organization is entitled to. */
    MATERIAL_READ,
    /** Publish announcements and run operator selection: qualification, experts, approval, publicity, result. */
    SELECTION_MANAGE,
    /** Apply to an announcement as an operator. */
    SELECTION_APPLY,
    /** Declare conflicts of interest and score applications as an assigned expert. */
    SELECTION_REVIEW,
    /** Read published announcements and the applications one may see. */
    SELECTION_READ,
    /** Raise an objection during publicity (公示). */
    SELECTION_OBJECT,
    /** Read filing records (备案) the organization files or receives (authorities and supervisors: all). */
    FILING_READ,
    /** File a record with the authority, alone or as a city's aggregate (汇总). */
    FILING_SUBMIT,
    /** Receive a filing with a receipt, or return it for correction (data authorities). */
    FILING_RECEIVE,
    /** Draft implementation plans (实施方案, JL-plan) and their revisions. */
    PLAN_DRAFT,
    /** Record the government's approval of a plan at its level, or return it (data authorities). */
    PLAN_APPROVE,
    /** Read implementation plans. */
    PLAN_READ,
    /** Open an exit (退出, TZ-27, JL-exit) as grantor or authority and record the hand-over of services. */
    EXIT_MANAGE,
    /** Read exits the organization is involved in (authorities and supervisors: all). */
    EXIT_READ,
    /** Confirm, as the successor, that services were handed over to one's organization. */
    HANDOVER_CONFIRM,

    // dataspace access: desensitization rules, data requests, grants, consent, workspaces (issue 4)
    /** Write, submit and retire desensitization rules of a zone the organization operates (TZ-15). */
    DESENSITIZATION_RULE_WRITE,
    /** Approve or reject submitted desensitization rules of a zone the organization supervises (TZ-15). */
    DESENSITIZATION_RULE_APPROVE,
    /** Read the desensitization rules of a zone the organization operates or supervises. */
    DESENSITIZATION_RULE_READ,
    /** Draft, submit and withdraw data requests (developers; operators for their own requests). */
    DATA_REQUEST_SUBMIT,
    /** Approve or reject developers' data requests of a zone the organization operates (TZ-14). */
    DATA_REQUEST_REVIEW,
    /** Receive the filing of approved data requests, approve operators' requests, reject (TZ-14, SY-16). */
    DATA_REQUEST_FILE,
    /** Record the authority's or the source unit's consent to a data request (raw data, TZ-14). */
    DATA_REQUEST_CONSENT,
    /** Read data requests and grants the organization made, decides or supplies data for. */
    DATA_REQUEST_READ,
    /** Record, withdraw and import data subjects' consents (NJ-16). */
    CONSENT_RECORD,
    /** Read consent records (persons by digest only). */
    CONSENT_READ,
    /** Create, refresh and use the workspace of a grant of the organization. */
    WORKSPACE_USE,
    /** Oversee the workspaces of a zone the organization operates or supervises (state, quota, use). */
    WORKSPACE_OVERSEE,
    /** Seal (封存) workspaces of a zone the organization operates or supervises. */
    WORKSPACE_SEAL,
    /** Destroy (销毁) workspaces of a zone the organization operates or supervises. */
    WORKSPACE_DESTROY,

    // dataspace queries: governed execution, output gate, review, leak tracing (issue 5)
    // output gate (issue 5, gate)
    /** Review held query results of workspaces in a zone the organization operates (approve, change, reject). */
    OUTPUT_REVIEW,
    /** Trace a leaked file to the recipient of the download it came from. */
    LEAK_TRACE,

    // products: built from released results, reviewed by the operator (TZ-18), served to product users by key
    /** Read the product catalog: published products, and one's own or reviewed products in any state. */
    PRODUCT_READ,
    /** Build data products from one's released query results and submit or withdraw them (developer, operator). */
    PRODUCT_BUILD,
    /** Review products of a zone the organization operates: approve, reject, publish, suspend, resume (TZ-18). */
    PRODUCT_REVIEW,
    /** Take out and revoke keys of published products for one's own organization (product users). */
    PRODUCT_KEY,

    // working-day calendar administration (supply: calendar years loaded at runtime)
    /** Load or replace a calendar year of statutory holidays from its State Council notice (system admin). */
    CALENDAR_MANAGE,
}
