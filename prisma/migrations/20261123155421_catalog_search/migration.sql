-- Catalog search, faster: a stored full-text vector (names weigh more than the rest) with its own GIN index,
-- instead of computing to_tsvector(searchText) for every candidate row, and a word list for typo tolerance.
ALTER TABLE "Dataset" ADD COLUMN "searchVector" tsvector;
ALTER TABLE "Dataset" ADD COLUMN "nameVector" tsvector;

-- Kept by a trigger (not a generated column, which schema.prisma cannot describe), so every writer of searchText gets it.
CREATE FUNCTION weir_dataset_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."nameVector" := to_tsvector('simple', replace(replace(NEW.name, '.', ' '), '_', ' ') || ' ' || NEW.name);
  NEW."searchVector" := setweight(NEW."nameVector", 'A') || setweight(to_tsvector('simple', NEW."searchText"), 'B');
  RETURN NEW;
END $$;
CREATE TRIGGER weir_dataset_search_vector BEFORE INSERT OR UPDATE OF name, "searchText" ON "Dataset"
  FOR EACH ROW EXECUTE FUNCTION weir_dataset_search_vector();
UPDATE "Dataset" SET "searchText" = "searchText";

CREATE INDEX "Dataset_searchVector_idx" ON "Dataset" USING GIN ("searchVector");
CREATE INDEX "Dataset_nameVector_idx" ON "Dataset" USING GIN ("nameVector");

-- The expression index of the first catalog migration is replaced by the stored vector's.
DROP INDEX IF EXISTS "Dataset_searchText_fts_idx";
-- Typos are matched against the word list below, not against every dataset's whole text.
DROP INDEX IF EXISTS "Dataset_searchText_idx";

-- Typo tolerance: edit distance between a query word and the catalog's words (contrib, like pg_trgm).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- CreateTable
CREATE TABLE "CatalogWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "CatalogWord_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "CatalogWord_word_idx" ON "CatalogWord" USING GIN ("word" gin_trgm_ops);

-- Words of the datasets recorded so far.
INSERT INTO "CatalogWord" (word) SELECT word FROM ts_stat('SELECT "searchVector" FROM "Dataset"') ON CONFLICT DO NOTHING;
