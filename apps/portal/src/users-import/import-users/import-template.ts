/** Our import template: the header row the import reads, and one example user of the organization's domain. */
export function importTemplate(domain: string): string {
  return ['username,firstName,lastName,email,role,password', `anna.berg@${domain},Anna,Berg,anna.berg@${domain},org_user,`].join('\r\n') + '\r\n';
}

/** A link target that downloads `text` as a CSV file. */
export function csvDataUrl(text: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`;
}
