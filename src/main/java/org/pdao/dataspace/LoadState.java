package org.pdao.dataspace;

/** Where a dataset load stands. */
public enum LoadState { RUNNING, SUCCEEDED, FAILED }
