// Kept in step with package.json by test/meta.test.ts; a constant keeps both builds free of JSON imports.
export const PACKAGE_NAME = 'hermes-pid';
export const PACKAGE_VERSION = '0.1.0';
