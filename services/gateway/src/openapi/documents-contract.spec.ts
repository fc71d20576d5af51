import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProperty } from '@nestjs/swagger';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import type { Page, SupportAccessMethod, SupportAccessView } from '@broker/contracts';
import { DOCUMENTS_CONTRACT, Documents } from './documents-contract';

// The compiler is the test for drift: `npx tsc -p tsconfig.json --noEmit` fails when a `@ts-expect-error` below
// stops being an error, i.e. when a class that no longer documents its contract compiles. Jest checks what runs.

@Documents<SupportAccessView>()
class Documented {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: SupportAccessMethod;
  route!: string;
  correlationId!: string | null;
  accessedAt!: string;
}

// @ts-expect-error a contract field is not documented
@Documents<SupportAccessView>()
class MissesAField {
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: SupportAccessMethod;
  route!: string;
  correlationId!: string | null;
}

// @ts-expect-error a documented field is not in the contract (a field the contract dropped, or a typo)
@Documents<SupportAccessView>()
class DocumentsAnExtraField {
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: SupportAccessMethod;
  route!: string;
  correlationId!: string | null;
  accessedAt!: string;
  accessedFrom?: string;
}

// @ts-expect-error a field renamed in the contract
@Documents<SupportAccessView>()
class KeepsAnOldName {
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: SupportAccessMethod;
  route!: string;
  correlationId!: string | null;
  readAt!: string;
}

// @ts-expect-error documented wider than the contract: any string, where the contract has an enum
@Documents<SupportAccessView>()
class WidensAType {
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: string;
  route!: string;
  correlationId!: string | null;
  accessedAt!: string;
}

// @ts-expect-error documented as always there, where the contract may answer null
@Documents<SupportAccessView>()
class DropsNull {
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: SupportAccessMethod;
  route!: string;
  correlationId!: string;
  accessedAt!: string;
}

// @ts-expect-error documented as optional, where the contract always has it
@Documents<SupportAccessView>()
class MakesOptional {
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: SupportAccessMethod;
  route!: string;
  correlationId!: string | null;
  accessedAt?: string;
}

// @ts-expect-error a list whose items do not fit the contract's
@Documents<Page<SupportAccessView>>()
class ListsOtherItems {
  items!: MissesAField[];
  nextCursor!: string | null;
}

/** On purpose: the answer leaves a field out, and says so. */
@Documents<Omit<SupportAccessView, 'correlationId'>>()
class LeavesOutOnPurpose {
  id!: string;
  organizationId!: string;
  accessedBy!: string;
  method!: SupportAccessMethod;
  route!: string;
  accessedAt!: string;
}

@Documents<Page<SupportAccessView>>()
class ListsDocumented {
  items!: Documented[];
  nextCursor!: string | null;
}

describe('Documents', () => {
  it('leaves the class and its OpenAPI metadata as they are', () => {
    expect(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, Documented.prototype, 'id')).toMatchObject({ format: 'uuid' });
    for (const type of [Documented, LeavesOutOnPurpose, ListsDocumented]) expect(Reflect.getMetadata(DOCUMENTS_CONTRACT, type)).toBe(true);
    void [MissesAField, DocumentsAnExtraField, KeepsAnOldName, WidensAType, DropsNull, MakesOptional, ListsOtherItems];
  });

  it('is on every response class of the gateway', async () => {
    const files = responseFiles(join(__dirname, '..'));
    const modules = await Promise.all(files.map(async (file) => (await import(file)) as Record<string, unknown>));
    const classes = modules.flatMap((exports) => Object.entries(exports).filter(([name, value]) => typeof value === 'function' && name.endsWith('Response')));
    const unchecked = classes.filter(([, type]) => Reflect.getOwnMetadata(DOCUMENTS_CONTRACT, type as object) !== true).map(([name]) => name);

    expect(files.length).toBeGreaterThan(10);
    expect(classes.length).toBeGreaterThan(50);
    expect(unchecked).toEqual([]);
  });
});

function responseFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return responseFiles(path);
    return /\.(responses|bodies)\.ts$/.test(entry.name) ? [path] : [];
  });
}
