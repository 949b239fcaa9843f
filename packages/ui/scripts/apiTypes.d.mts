/** The file the generated types are written to. */
export declare const schemaFile: string;
/** Renders the UI's API types from the OpenAPI document of a throwaway control plane. */
export declare function generateApiTypes(): Promise<string>;
