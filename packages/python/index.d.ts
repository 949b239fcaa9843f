/** The directory to put on PYTHONPATH so that `import borda` finds this runtime. */
export declare const pythonPath: string;
