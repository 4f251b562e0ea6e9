// Log in / log out, and the role the server gave the session.
import { ApiError, login, logout } from '../api';
import type { User } from '../api';
import type { AppContext } from '../context';
import { h, uniqueId } from '../dom';
import { t } from '../i18n';

/** The role in words, with the municipality code for municipality users. */
export function roleText(user: User | null): string {
  if (!user) return t('rolePublic');
  if (user.role === 'region') return t('roleRegion');
  if (user.role === 'municipality') return `${t('roleMunicipality')} ${user.municipality ?? ''}`.trim();
  return t('rolePublic');
}

export function renderLogin(root: HTMLElement, context: AppContext): void {
  root.appendChild(h('h1', {}, context.user ? t('logoutButton') : t('loginHeading')));
  if (context.user) {
    const button = h('button', { type: 'button', 'data-action': 'logout' }, t('logoutButton'));
    button.addEventListener('click', async () => {
      try {
        await logout();
        await context.sessionChanged(null);
        context.announce(t('loggedOut'));
      } catch (error) {
        context.fail(error);
      }
    });
    root.append(
      h('p', { 'data-field': 'role' }, `${t('loggedInAs')} ${context.user.name}. ${t('role')}: ${roleText(context.user)}.`),
      button,
    );
    return;
  }
  const userId = uniqueId('username');
  const passwordId = uniqueId('password');
  const username = h('input', { id: userId, name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    id: passwordId,
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    { className: 'login-form' },
    h('div', { className: 'field' }, h('label', { for: userId }, t('username')), username),
    h('div', { className: 'field' }, h('label', { for: passwordId }, t('password')), password),
    h('button', { type: 'submit' }, t('loginButton')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const user = await login(username.value, password.value);
      // Go to the indicators first, so the message below outlives the route change.
      context.user = user;
      location.hash = '#/indikatorer';
      await context.sessionChanged(user);
      context.announce(t('loginOk'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        context.announce(t('loginFailed'), true);
        password.value = '';
        password.focus();
      } else if (error instanceof ApiError && error.status === 429) {
        context.announce(t('loginRateLimited'), true);
      } else {
        context.fail(error);
      }
    }
  });
  root.appendChild(form);
}
