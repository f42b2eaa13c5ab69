package org.pdao.authorization;

/** Which relationship an agreement authorizes. */
public enum AgreementTier {
    /** The authority (or government) authorizes an operator (TZ-6 一级, SY-5, NJ zone operator, JL 运营机构). */
    OPERATOR,
    /** An operator admits a developer (TZ-6/9 二级开发主体). */
    DEVELOPER
}
