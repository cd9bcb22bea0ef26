-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'OUTDATED';

