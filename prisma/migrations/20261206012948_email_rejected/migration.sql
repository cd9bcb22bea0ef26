-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'REJECTED';

