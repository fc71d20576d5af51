/**
 * Ties a response class of the OpenAPI document to the contract type it documents, both ways: `tsc` fails when the
 * contract gains a field the class does not document, loses one the class still documents, or changes the type or
 * optionality of one. A class documenting an answer that differs from the contract on purpose says how with a
 * mapped type: `@Documents<Omit<StoreView, 'version'>>()`.
 */
export function Documents<View>() {
  return <Doc>(target: (abstract new (...args: never[]) => Doc) & Matches<Doc, View>): void => {
    Reflect.defineMetadata(DOCUMENTS_CONTRACT, true, target);
  };
}

/** Marks a class checked by `@Documents`, so a test can find response classes that are not. */
export const DOCUMENTS_CONTRACT = 'broker:documents-contract';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type Drift<Doc, View> = {
  'contract fields not documented': Exclude<keyof View, keyof Doc>;
  'documented fields not in the contract': Exclude<keyof Doc, keyof View>;
  'fields whose type differs': { [K in keyof Doc & keyof View]-?: Same<Doc[K], View[K]> extends true ? never : K }[keyof Doc & keyof View];
};

/** `unknown` (no demand) when the class matches; otherwise a property no class has, whose type names the drift. */
type Matches<Doc, View> = [Drift<Doc, View>[keyof Drift<Doc, View>]] extends [never] ? unknown : { 'drifted from its contract': Spelled<Drift<Doc, View>> };

/** The drift written out in the compiler's message rather than named. */
type Spelled<T> = T extends infer O ? { [K in keyof O]: O[K] } : never;
