/** The FAQ entry that booking starts from; its button label always routes here. */
export const FIND_PROVIDER_ID = 'find-provider';
