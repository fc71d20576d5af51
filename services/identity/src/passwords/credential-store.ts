import { Inject, Injectable } from '@nestjs/common';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';

/**
 * Password hashes live here, never in events or logs. This is write-side state of the identity service (read
 * and written at the moment of a command), kept in its own schema.
 */
export const CREDENTIALS = { name: 'credentials', indexes: {} } as const;

interface Credential {
  userId: string;
  passwordHash: string;
  changedAt: string;
}

@Injectable()
export class CredentialStore {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async ensure(): Promise<void> {
    await this.documents.ensureCollection(CREDENTIALS);
  }

  async passwordHashOf(userId: string): Promise<string | null> {
    const doc = await this.documents.get<Credential>(CREDENTIALS.name, userId);
    return doc?.data.passwordHash ?? null;
  }

  async set(userId: string, passwordHash: string, at: Date): Promise<void> {
    await this.documents.upsert<Credential>(CREDENTIALS.name, userId, { userId, passwordHash, changedAt: at.toISOString() });
  }

  /** A deleted user's hash is of no further use. */
  async remove(userId: string): Promise<void> {
    await this.documents.delete(CREDENTIALS.name, userId);
  }
}
