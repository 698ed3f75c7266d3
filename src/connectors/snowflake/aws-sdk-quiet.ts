/**
 * snowflake-sdk brings the AWS SDK (for S3 stages), which warns on every
 * start that its releases after January 2027 will need Node 22. Weir runs on
 * Node 20 with the versions pinned in package-lock.json, which keep working;
 * docs/dependencies.md records it. Loaded before snowflake-sdk (connect.ts).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
export {};
