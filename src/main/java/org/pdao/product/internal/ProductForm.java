package org.pdao.product.internal;

/**
 * The forms of data product (SY-4, JL-1) that a released aggregate result can take. Data verification (数据核验),
 * components, models and services answer each call from the data itself and are not built yet.
 */
enum ProductForm {
    /** 数据接口: the released figures served as JSON to each caller. */
    DATA_INTERFACE,
    /** 数据报告: a statistical report. */
    DATA_REPORT,
    /** 评价指数: an evaluation index. */
    EVALUATION_INDEX
}
