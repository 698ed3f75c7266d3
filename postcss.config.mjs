// Tailwind CSS v4 through PostCSS; no fonts or assets are fetched at build time.
export default { plugins: { "@tailwindcss/postcss": {} } };
