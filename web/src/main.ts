// The app shell: header with menu, session and language switch; hash routes to the four views.
import './style.css';
import { ApiError, getCatalog, getExtracts, getMe, onDataVersion } from './api';
import type { User } from './api';
import { newSessionState } from './context';
import type { AppContext } from './context';
import { h, replace } from './dom';
import { setSuppressMinCount } from './format';
import { lang, setLang, t } from './i18n';
import type { TextKey } from './i18n';
import { renderGoals } from './views/goals';
import { renderIndicators } from './views/indicators';
import { renderLogin, roleText } from './views/login';
import { renderSettlement } from './views/settlement';

interface Route {
  hash: string;
  label: TextKey;
  render: (root: HTMLElement, context: AppContext) => void | Promise<void>;
}

const routes: Route[] = [
  { hash: '#/indikatorer', label: 'navIndicators', render: renderIndicators },
  { hash: '#/mal', label: 'navGoals', render: renderGoals },
  { hash: '#/betalningsansvar', label: 'navSettlement', render: renderSettlement },
  { hash: '#/logga-in', label: 'navLogin', render: renderLogin },
];

const app = document.getElementById('app') as HTMLElement;
let dataVersion = '';
const statusLine = h('p', { id: 'status', role: 'status', 'aria-live': 'polite', className: 'status-line' });
const main = h('main', { id: 'main', tabindex: '-1' });
const footerVersion = h('span', { 'data-field': 'data-version' });

const context: AppContext = {
  user: null,
  catalog: null,
  extracts: [],
  session: newSessionState(),
  announce(message, error = false) {
    statusLine.textContent = message;
    statusLine.classList.toggle('error', error);
  },
  fail(error) {
    if (error instanceof ApiError) {
      context.announce(`${t('errorPrefix')} ${error.status} (${error.code}): ${error.message}`, true);
    } else {
      context.announce(t('errorNoServer'), true);
      console.warn(error);
    }
  },
  async sessionChanged(user: User | null) {
    context.user = user;
    // Another role sees other values: nothing kept from the session before may be shown.
    context.session = newSessionState();
    await loadCatalog();
    renderShell();
  },
};

// A new data_version means `nara ingest` added an extract while the page was open: the
// catalogue and the extract list are then stale, so offer a reload rather than re-render under
// the user's hands. What the session kept (selection, goal answers) is of the old extract and
// is dropped at once.
onDataVersion((version) => {
  if (dataVersion && version !== dataVersion) {
    context.session = newSessionState();
    context.announce(t('newData'));
    statusLine.appendChild(document.createTextNode(' '));
    const reload = h('button', { type: 'button', className: 'link-button' }, t('reload'));
    reload.addEventListener('click', () => location.reload());
    statusLine.appendChild(reload);
  }
  dataVersion = version;
  footerVersion.textContent = `· ${t('dataVersion')}: ${version}`;
});

function currentRoute(): Route {
  return routes.find((route) => route.hash === location.hash) ?? routes[0];
}

function sessionText(): string {
  const user = context.user;
  if (!user) return t('notLoggedIn');
  return `${t('loggedInAs')} ${user.name} (${t('role')}: ${roleText(user)})`;
}

function extractText(): string {
  const newest = context.extracts[0];
  if (!newest) return t('noExtract');
  return `${t('newestExtract')}: ${newest.region}, ${t('coverage')} ${newest.coverage_from} – ${newest.coverage_to}`;
}

/** Renders header, footer and the current view; `focusMain` after a route change. */
function renderShell(focusMain = false): void {
  const route = currentRoute();
  document.title = `${t(route.label)} – Nära`;
  const skip = h('a', { className: 'skip-link', href: '#main' }, t('skipToContent'));
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  const nav = h('nav', { 'aria-label': t('navMain') });
  const list = h('ul');
  for (const item of routes) {
    const label = item.hash === '#/logga-in' && context.user ? t('logoutButton') : t(item.label);
    list.appendChild(
      h('li', {}, h('a', { href: item.hash, 'aria-current': item === route ? 'page' : undefined }, label)),
    );
  }
  nav.appendChild(list);
  const languageButton = h(
    'button',
    { type: 'button', className: 'lang-switch', lang: lang() === 'sv' ? 'en' : 'sv', 'aria-label': t('switchLanguageLabel') },
    t('switchLanguage'),
  );
  languageButton.addEventListener('click', () => {
    setLang(lang() === 'sv' ? 'en' : 'sv');
    context.announce('');
    renderShell();
    (document.querySelector('.lang-switch') as HTMLElement | null)?.focus();
  });
  const header = h(
    'header',
    { className: 'site-header' },
    h('p', { className: 'app-title' }, t('appTitle')),
    nav,
    h('div', { className: 'session' }, h('span', { 'data-field': 'session' }, sessionText()), languageButton),
  );
  footerVersion.textContent = dataVersion ? `· ${t('dataVersion')}: ${dataVersion}` : '';
  const footer = h('footer', { className: 'site-footer' }, h('span', {}, extractText()), ' ', footerVersion);
  replace(app, skip, header, statusLine, main, footer);
  replace(main);
  void Promise.resolve(route.render(main, context)).catch((error: unknown) => context.fail(error));
  if (focusMain) {
    // A new page: earlier messages no longer apply.
    context.announce('');
    main.focus();
  }
}

async function loadCatalog(): Promise<void> {
  try {
    context.catalog = await getCatalog();
    setSuppressMinCount(context.catalog.suppress_min_count);
  } catch (error) {
    context.catalog = null;
    // 404: the store has no extract yet, which the views say in words; anything else is an error.
    if (!(error instanceof ApiError && error.status === 404)) context.fail(error);
  }
}

async function start(): Promise<void> {
  document.documentElement.lang = lang();
  try {
    const [user, extracts] = await Promise.all([getMe(), getExtracts()]);
    context.user = user;
    context.extracts = extracts;
  } catch (error) {
    context.fail(error);
  }
  await loadCatalog();
  renderShell();
  window.addEventListener('hashchange', () => renderShell(true));
}

void start();
