import { addressRefusal, checkWebhookUrl, parseNetworks, UrlRefusedError, type HostResolver, type UrlPolicy } from './url-policy';

const strict: UrlPolicy = { allowHttp: false, allowedNetworks: [] };
const resolving =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook URL policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['198.51.100.1', 'reserved'],
    ['203.0.113.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::1', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['100::1', 'reserved'],
    ['fec0::1', 'reserved'],
    // IPv4 written as IPv6 is judged as IPv4.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(addressRefusal(address, strict)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(addressRefusal(address, strict)).toBeNull();
  });

  it('allows addresses inside the allowed networks, and only those', () => {
    const policy = { allowedNetworks: parseNetworks('127.0.0.0/8, fd00::/8') };
    expect(addressRefusal('127.0.0.1', policy)).toBeNull();
    expect(addressRefusal('::ffff:127.0.0.1', policy)).toBeNull();
    expect(addressRefusal('fd00::5', policy)).toBeNull();
    expect(addressRefusal('10.0.0.1', policy)).toBe('private');
    expect(addressRefusal('::1', policy)).toBe('loopback');
    expect(addressRefusal('fc00::1', policy)).toBe('uniqueLocal');
  });

  it('refuses an allowed-network list that is not CIDRs', () => {
    expect(() => parseNetworks('127.0.0.0/8,localhost')).toThrow('localhost is not a network');
    expect(() => parseNetworks('10.0.0.0/33')).toThrow();
    expect(parseNetworks('')).toEqual([]);
  });

  it('accepts an https URL whose host resolves to public addresses only, and answers them', async () => {
    const checked = await checkWebhookUrl('https://hooks.example.com/in?x=1', strict, resolving('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'));
    expect(checked.url.hostname).toBe('hooks.example.com');
    expect(checked.addresses.map((a) => a.address)).toEqual(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
  });

  it('refuses the host when any of its addresses is not public (DNS rebinding with a mixed answer)', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/', strict, resolving('93.184.216.34', '10.0.0.7'))).rejects.toThrow(
      'url host hooks.example.com resolves to 10.0.0.7, which is not a public address (private)',
    );
  });

  it('judges IP literals without a lookup', async () => {
    const never: HostResolver = () => Promise.reject(new Error('no lookup expected'));
    await expect(checkWebhookUrl('https://[::1]:8443/', strict, never)).rejects.toThrow('(loopback)');
    await expect(checkWebhookUrl('https://127.0.0.1/', strict, never)).rejects.toThrow('(loopback)');
    // The URL parser reads these as 127.0.0.1 too.
    await expect(checkWebhookUrl('https://2130706433/', strict, never)).rejects.toThrow('(loopback)');
    await expect(checkWebhookUrl('https://0x7f.1/', strict, never)).rejects.toThrow('(loopback)');
    await expect(checkWebhookUrl('https://[::ffff:169.254.169.254]/', strict, never)).rejects.toThrow('(linkLocal)');
    expect((await checkWebhookUrl('https://8.8.8.8/hook', strict, never)).addresses).toEqual([{ address: '8.8.8.8', family: 4 }]);
  });

  it('refuses http unless allowed, other schemes always, credentials, fragments and hosts that do not resolve', async () => {
    const publicHost = resolving('93.184.216.34');
    await expect(checkWebhookUrl('http://hooks.example.com/', strict, publicHost)).rejects.toThrow('url must start with https://');
    await expect(checkWebhookUrl('http://hooks.example.com/', { ...strict, allowHttp: true }, publicHost)).resolves.toBeDefined();
    await expect(checkWebhookUrl('ftp://hooks.example.com/', { ...strict, allowHttp: true }, publicHost)).rejects.toThrow(UrlRefusedError);
    await expect(checkWebhookUrl('file:///etc/passwd', strict, publicHost)).rejects.toThrow(UrlRefusedError);
    await expect(checkWebhookUrl('https://user:pw@hooks.example.com/', strict, publicHost)).rejects.toThrow('user name or password');
    await expect(checkWebhookUrl('https://hooks.example.com/#x', strict, publicHost)).rejects.toThrow('fragment');
    await expect(checkWebhookUrl('not a url', strict, publicHost)).rejects.toThrow('absolute URL');
    const failing: HostResolver = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    await expect(checkWebhookUrl('https://nowhere.invalid/', strict, failing)).rejects.toThrow('url host nowhere.invalid does not resolve (ENOTFOUND)');
    await expect(checkWebhookUrl('https://nowhere.invalid/', strict, resolving())).rejects.toThrow('does not resolve');
  });

  it('lets an allowed network through for a named host (tests on 127.0.0.1)', async () => {
    const policy: UrlPolicy = { allowHttp: true, allowedNetworks: parseNetworks('127.0.0.0/8') };
    await expect(checkWebhookUrl('http://localhost:8080/', policy, resolving('127.0.0.1'))).resolves.toBeDefined();
    await expect(checkWebhookUrl('http://localhost:8080/', policy, resolving('127.0.0.1', '::1'))).rejects.toThrow('::1');
  });
});
