-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "factsHash" TEXT;
