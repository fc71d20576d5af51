import { adminLoginLines, type AdminLoginFacts } from './admin-login-notice';

const facts: AdminLoginFacts = {
  username: 'admin@platform.local',
  password: 'Adm1n-secret!',
  passwordFromEnvironment: false,
  generatedNow: false,
  settingsFile: '.local/settings.json',
};

describe('adminLoginLines (what npm start prints about the admin login)', () => {
  it('shows a generated password on the start that generated it, and where it is kept', () => {
    const lines = adminLoginLines({ ...facts, generatedNow: true }).join('\n');
    expect(lines).toContain('admin@platform.local / Adm1n-secret!');
    expect(lines).toContain('.local/settings.json');
    expect(lines).toContain('"PLATFORM_ADMIN_PASSWORD"');
  });

  it('on every later start names the file and key, never the password', () => {
    const lines = adminLoginLines(facts).join('\n');
    expect(lines).not.toContain('Adm1n-secret!');
    expect(lines).toBe('admin@platform.local / the password in .local/settings.json under "PLATFORM_ADMIN_PASSWORD"');
  });

  it('never shows a password given in the environment', () => {
    for (const generatedNow of [false, true]) {
      const lines = adminLoginLines({ ...facts, passwordFromEnvironment: true, generatedNow }).join('\n');
      expect(lines).not.toContain('Adm1n-secret!');
      expect(lines).toContain('PLATFORM_ADMIN_PASSWORD');
    }
  });
});
