/*
 * Clinic chat widget. A clinic pastes one tag into any page:
 *
 *   <script src="https://<bot-host>/widget.js" data-title="Ask our clinic" data-accent="#0f766e" async></script>
 *
 * It adds a launcher button (bottom right) that opens a chat panel running Bot Framework
 * Web Chat. Web Chat (~4 MB) is loaded from the bot host only when the panel first opens.
 * The server replaces SERVER_SETTINGS when it serves this file (see widgetSettings.ts).
 */
(function () {
  'use strict';

  const SERVER_SETTINGS = { /* __WIDGET_SETTINGS__ */ };

  // Pasting the tag twice must not add two launchers.
  if (window.__clinicChatWidget) return;
  window.__clinicChatWidget = true;

  const script =
    document.currentScript || Array.from(document.scripts).find((element) => /\/widget\.js(\?|#|$)/.test(element.src));
  if (!script || !script.src) return;

  const HEX_COLOUR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
  /** Direct Line retries quietly for a long time; after this the patient gets the phone number instead. */
  const CONNECT_TIMEOUT_MS = 20000;
  /** DirectLineJS connection states. */
  const CONNECTION = { ONLINE: 2, EXPIRED_TOKEN: 3, FAILED_TO_CONNECT: 4, ENDED: 5 };
  const settings = SERVER_SETTINGS;
  const title = (script.dataset.title || '').trim() || settings.title;
  const requestedAccent = (script.dataset.accent || '').trim();
  const accent = HEX_COLOUR.test(requestedAccent) ? requestedAccent : settings.accent;
  const palette = createPalette(accent);
  const ids = { panel: 'ccw-panel', title: 'ccw-title' };

  /** Paths from the server are relative to the bot host, which is wherever this script came from. */
  function botUrl(path) {
    return new URL(path, script.src).href;
  }

  // ---- Colours: readable text on any accent a clinic picks --------------------------------

  function toRgb(hex) {
    const digits = hex.slice(1);
    const full = digits.length === 3 ? digits.replace(/./g, (digit) => digit + digit) : digits;
    return [0, 2, 4].map((offset) => parseInt(full.slice(offset, offset + 2), 16));
  }

  function toHex(rgb) {
    return '#' + rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('');
  }

  function mix(rgb, target, amount) {
    return rgb.map((channel, index) => channel + (target[index] - channel) * amount);
  }

  function luminance(rgb) {
    const [r, g, b] = rgb.map((channel) => {
      const value = channel / 255;
      return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  }

  function createPalette(hex) {
    const rgb = toRgb(hex);
    const white = [255, 255, 255];
    const ink = [17, 24, 39];
    const onAccent = contrast(rgb, white) >= 4.5 ? white : ink;
    // Accent-coloured text on white (suggested actions, links) must stay readable too.
    let text = rgb;
    while (contrast(text, white) < 4.5) text = mix(text, [0, 0, 0], 0.15);
    return {
      accent: hex,
      onAccent: toHex(onAccent),
      accentText: toHex(text),
      accentDark: toHex(mix(rgb, [0, 0, 0], 0.18)),
      tint: toHex(mix(rgb, white, 0.9)),
    };
  }

  // ---- Markup and styles --------------------------------------------------------------------

  const ICONS = {
    chat:
      '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 3C6.5 3 2 6.9 2 11.7c0 2.5 1.2 4.7 3.2 6.3-.2 1.4-.8 2.7-1.8 3.8-.2.2 0 .6.3.6 2.1-.1 4-.8 5.4-1.9 1 .3 1.9.4 2.9.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3Zm-4.5 10a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Z"/></svg>',
    chevron:
      '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="m6 9 6 6 6-6"/></svg>',
    close:
      '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/></svg>',
    phone:
      '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1C10.6 21 3 13.4 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2Z"/></svg>',
    assistant:
      '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2.5c-.6 0-1 .4-1 1v1.1C7.1 5.1 4 8.4 4 12.5V17a2.5 2.5 0 0 0 2.5 2.5h11A2.5 2.5 0 0 0 20 17v-4.5c0-4.1-3.1-7.4-7-7.9V3.5c0-.6-.4-1-1-1Zm-3 9a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm6 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z"/></svg>',
  };

  function css() {
    return `
.ccw-root { --ccw-accent: ${palette.accent}; --ccw-on-accent: ${palette.onAccent}; --ccw-accent-dark: ${palette.accentDark};
  --ccw-accent-text: ${palette.accentText}; --ccw-tint: ${palette.tint};
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 15px; line-height: 1.4; color: #111827; }
.ccw-root *, .ccw-root *::before, .ccw-root *::after { box-sizing: border-box; }
.ccw-root [hidden] { display: none !important; }
.ccw-launcher { position: fixed; right: 24px; bottom: 24px; z-index: 2147483000; width: 60px; height: 60px; margin: 0; padding: 0;
  border: 0; border-radius: 50%; background: var(--ccw-accent); color: var(--ccw-on-accent); cursor: pointer;
  display: flex; align-items: center; justify-content: center;
  box-shadow: 0 10px 25px rgba(15, 23, 42, .22), 0 2px 6px rgba(15, 23, 42, .12); transition: transform .15s ease, background-color .15s ease; }
.ccw-launcher:hover { background: var(--ccw-accent-dark); transform: translateY(-1px); }
.ccw-launcher:focus-visible, .ccw-close:focus-visible, .ccw-action:focus-visible { outline: 3px solid var(--ccw-accent); outline-offset: 3px; }
.ccw-launcher .ccw-icon-open { display: none; }
.ccw-root[data-open="true"] .ccw-launcher .ccw-icon-open { display: block; }
.ccw-root[data-open="true"] .ccw-launcher .ccw-icon-closed { display: none; }
.ccw-panel { position: fixed; right: 24px; bottom: 100px; z-index: 2147483000; width: 400px; height: min(640px, calc(100vh - 124px));
  display: flex; flex-direction: column; overflow: hidden; background: #fff; border-radius: 16px;
  box-shadow: 0 24px 60px rgba(15, 23, 42, .22), 0 4px 14px rgba(15, 23, 42, .1); outline: none; animation: ccw-in .18s ease-out; }
@keyframes ccw-in { from { opacity: 0; transform: translateY(12px) scale(.98); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .ccw-panel { animation: none; } .ccw-launcher { transition: none; } }
.ccw-header { flex: none; display: flex; align-items: center; gap: 12px; padding: 14px 12px 14px 16px;
  background: var(--ccw-accent); color: var(--ccw-on-accent); }
.ccw-avatar { flex: none; width: 38px; height: 38px; border-radius: 50%; display: flex; align-items: center; justify-content: center;
  background: var(--ccw-on-accent); color: var(--ccw-accent-text); }
.ccw-heading { flex: 1; min-width: 0; }
.ccw-title { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.25; color: inherit; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ccw-subtitle { margin: 2px 0 0; font-size: 12.5px; line-height: 1.3; opacity: .9; color: inherit; }
.ccw-close { flex: none; width: 40px; height: 40px; margin: 0; padding: 0; border: 0; border-radius: 50%; background: transparent;
  color: inherit; cursor: pointer; display: flex; align-items: center; justify-content: center; }
.ccw-close:hover { background: rgba(255, 255, 255, .16); }
.ccw-body { position: relative; flex: 1; min-height: 0; background: #f6f7f9; }
.ccw-webchat { height: 100%; }
.ccw-notice { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center;
  gap: 14px; padding: 32px; text-align: center; background: #f6f7f9; color: #374151; }
.ccw-notice p { margin: 0; max-width: 300px; font-size: 15px; }
.ccw-notice a { color: var(--ccw-accent-text); font-weight: 600; }
.ccw-spinner { width: 28px; height: 28px; border-radius: 50%; border: 3px solid var(--ccw-tint); border-top-color: var(--ccw-accent);
  animation: ccw-spin .8s linear infinite; }
@keyframes ccw-spin { to { transform: rotate(360deg); } }
.ccw-action { margin: 0; padding: 9px 18px; border-radius: 999px; border: 1px solid var(--ccw-accent); background: #fff;
  color: var(--ccw-accent-text); font: inherit; font-weight: 600; cursor: pointer; }
.ccw-action:hover { background: var(--ccw-tint); }
.ccw-webchat * { scrollbar-width: thin; scrollbar-color: #cbd5e1 transparent; }
/* Except card carousels: Web Chat hides their native scrollbar (they have flippers and a slider of their own) with
   ::-webkit-scrollbar, which Chromium ignores once scrollbar-width is set, so the rule above showed a grey bar under every carousel. */
.ccw-root .ccw-webchat .react-film__filmstrip { scrollbar-width: none; }
/* A long list of suggested actions scrolls instead of pushing the conversation off a phone screen. */
.ccw-root .ccw-webchat .webchat__suggested-actions--flow-layout { max-height: min(216px, 34vh); overflow-y: auto; }
/* Card buttons in the clinic's colour (Web Chat's own rules are one class less specific), and in the widget's font:
   buttons do not inherit it, so without this they showed the browser's default (Arial, 13.3px). */
.ccw-root .ccw-webchat .webchat__adaptive-card-renderer .ac-pushButton { border-color: var(--ccw-accent); color: var(--ccw-accent-text); border-radius: 10px;
  font-family: inherit; font-size: 14px; }
/* Adaptive Cards cut long button labels with "…" (an inline style): on a phone that could hide digits of "Call +44 …". Wrap instead. */
.ccw-root .ccw-webchat .webchat__adaptive-card-renderer .ac-pushButton > div { white-space: normal !important; text-align: center; }
.ccw-root .ccw-webchat .webchat__adaptive-card-renderer .ac-pushButton:hover { background-color: var(--ccw-tint); }
.ccw-root .ccw-webchat .webchat__adaptive-card-renderer .ac-pushButton[aria-pressed="true"] { background-color: var(--ccw-accent); color: var(--ccw-on-accent); }
.ccw-notice-icon { width: 48px; height: 48px; border-radius: 50%; display: flex; align-items: center; justify-content: center;
  background: var(--ccw-tint); color: var(--ccw-accent-text); }
.ccw-footer { flex: none; padding: 6px 12px 8px; font-size: 11.5px; color: #6b7280; text-align: center; background: #fff; }
@media (max-width: 480px) {
  .ccw-panel { inset: 0; width: 100%; height: 100%; height: 100dvh; border-radius: 0; }
  .ccw-root[data-open="true"] .ccw-launcher { display: none; }
  .ccw-launcher { right: 16px; bottom: 16px; }
}`;
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = value;
      else if (name === 'html') node.innerHTML = value; // only our own constant SVG icons
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  const launcher = element('button', {
    type: 'button',
    class: 'ccw-launcher',
    'aria-label': `Chat with ${title}`,
    'aria-expanded': 'false',
    'aria-controls': ids.panel,
    'aria-haspopup': 'dialog',
    'data-testid': 'chat-launcher',
    html: `<span class="ccw-icon-closed">${ICONS.chat}</span><span class="ccw-icon-open">${ICONS.chevron}</span>`,
  });
  const closeButton = element('button', { type: 'button', class: 'ccw-close', 'aria-label': 'Close chat', html: ICONS.close });
  const webChatHost = element('div', { class: 'ccw-webchat' });
  const notice = element('div', { class: 'ccw-notice', hidden: '' });
  const panel = element(
    'div',
    { id: ids.panel, class: 'ccw-panel', role: 'dialog', 'aria-label': `Chat with ${title}`, tabindex: '-1', hidden: '', 'data-state': 'idle' },
    [
      element('div', { class: 'ccw-header' }, [
        element('div', { class: 'ccw-avatar', html: ICONS.assistant }),
        element('div', { class: 'ccw-heading' }, [
          element('h2', { id: ids.title, class: 'ccw-title', text: title }),
          element('p', { class: 'ccw-subtitle', text: 'Virtual assistant' }),
        ]),
        closeButton,
      ]),
      element('div', { class: 'ccw-body' }, [webChatHost, notice]),
      element('div', { class: 'ccw-footer', text: `Not medical advice · In an emergency, call ${settings.emergencyNumber}` }),
    ],
  );
  const root = element('div', { class: 'ccw-root', 'data-open': 'false' }, [panel, launcher]);

  // ---- Panel states -------------------------------------------------------------------------

  function phoneLink() {
    return element('a', { href: `tel:${settings.clinicPhone.replace(/[^+\d]/g, '')}`, text: settings.clinicPhone });
  }

  function showNotice(state, content, action) {
    panel.dataset.state = state;
    notice.replaceChildren(...content);
    if (action) notice.append(element('button', { type: 'button', class: 'ccw-action', text: action.label }));
    const button = notice.querySelector('.ccw-action');
    notice.hidden = false;
    notice.setAttribute('role', state === 'loading' ? 'status' : 'alert');
    if (button) {
      button.addEventListener('click', action.onClick);
      // Keyboard users inside the (now covered) chat land on the way forward.
      if (!panel.hidden && panel.contains(document.activeElement)) button.focus();
    }
  }

  function showLoading() {
    showNotice('loading', [element('div', { class: 'ccw-spinner' }), element('p', { text: 'Connecting…' })]);
  }

  function showUnavailable() {
    showNotice(
      'error',
      [element('div', { class: 'ccw-notice-icon', html: ICONS.phone }), element('p', {}, ['Chat is unavailable right now. Please call us at ', phoneLink(), '.'])],
      { label: 'Try again', onClick: () => void start() },
    );
  }

  function showEnded() {
    showNotice(
      'ended',
      [element('p', { text: 'This chat has ended. You can start a new one at any time.' })],
      { label: 'Start a new chat', onClick: () => void start() },
    );
  }

  function showReady() {
    panel.dataset.state = 'ready';
    notice.hidden = true;
    notice.replaceChildren();
  }

  // ---- Web Chat -----------------------------------------------------------------------------

  let webChatLoading;
  /** Loads the bundle once; a page that already has Web Chat keeps its own. */
  function loadWebChat() {
    if (window.WebChat && window.WebChat.renderWebChat) return Promise.resolve(window.WebChat);
    webChatLoading =
      webChatLoading ||
      new Promise((resolve, reject) => {
        const tag = element('script', { src: botUrl(settings.webChatUrl), async: '' });
        tag.addEventListener('load', () => (window.WebChat ? resolve(window.WebChat) : reject(new Error('Web Chat did not load.'))));
        tag.addEventListener('error', () => reject(new Error('Web Chat could not be downloaded.')));
        document.head.append(tag);
      });
    // A failed download may succeed on "Try again".
    webChatLoading.catch(() => (webChatLoading = undefined));
    return webChatLoading;
  }

  async function fetchToken() {
    const response = await fetch(botUrl(settings.tokenUrl), { method: 'POST', credentials: 'omit', cache: 'no-store' });
    if (!response.ok) throw new Error(`The token endpoint answered ${response.status}.`);
    const session = await response.json();
    if (typeof session.token !== 'string' || typeof session.userId !== 'string') throw new Error('The token response is malformed.');
    return session;
  }

  function styleOptions() {
    return {
      accent: palette.accent,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      backgroundColor: '#f6f7f9',
      subtle: '#6b7280',
      rootHeight: '100%',
      paddingRegular: 10,
      paddingWide: 12,
      bubbleBackground: '#ffffff',
      bubbleBorderColor: '#e5e7eb',
      bubbleBorderWidth: 1,
      bubbleBorderRadius: 16,
      bubbleNubSize: 0,
      bubbleNubOffset: 'top',
      bubbleTextColor: '#111827',
      bubbleFromUserBackground: palette.accent,
      bubbleFromUserTextColor: palette.onAccent,
      bubbleFromUserBorderColor: palette.accent,
      bubbleFromUserBorderWidth: 1,
      bubbleFromUserBorderRadius: 16,
      bubbleFromUserNubSize: 0,
      bubbleFromUserNubOffset: 'bottom',
      bubbleMaxWidth: 320,
      bubbleMinHeight: 0,
      richCardWrapTitle: true,
      cardEmphasisBackgroundColor: palette.tint,
      cardPushButtonBackgroundColor: palette.accent,
      cardPushButtonTextColor: palette.onAccent,
      hideUploadButton: true,
      suggestedActionLayout: 'flow',
      suggestedActionBorderRadius: 999,
      suggestedActionBorderColor: palette.accent,
      suggestedActionBorderWidth: 1,
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionTextColor: palette.accentText,
      suggestedActionBackgroundColorOnHover: palette.tint,
      suggestedActionHeight: 36,
      sendBoxBackground: '#ffffff',
      sendBoxBorderTop: '1px solid #e5e7eb',
      sendBoxHeight: 52,
      sendBoxButtonColor: palette.accentText,
      sendBoxButtonColorOnHover: palette.accentDark,
      sendBoxButtonShadeBorderRadius: 10,
      sendBoxButtonShadeInset: 6,
      sendBoxButtonShadeColorOnHover: palette.tint,
      sendBoxButtonShadeColorOnFocus: palette.tint,
      sendBoxButtonShadeColorOnActive: palette.tint,
      sendBoxPlaceholderColor: '#6b7280',
      timestampColor: '#6b7280',
      transcriptOverlayButtonBackground: palette.accent,
      transcriptOverlayButtonColor: palette.onAccent,
    };
  }

  let session;
  let startCount = 0;
  async function start() {
    const thisStart = ++startCount;
    if (session) session.end();
    session = undefined;
    showLoading();
    try {
      const [WebChat, credentials] = await Promise.all([loadWebChat(), fetchToken()]);
      if (thisStart !== startCount) return; // a newer "Try again" took over
      session = render(WebChat, credentials);
    } catch (error) {
      if (thisStart !== startCount) return;
      console.warn('Chat widget:', error);
      showUnavailable();
    }
  }

  function render(WebChat, credentials) {
    // Always the server's domain: a token only works on the Direct Line endpoint that issued it
    // (a regional one such as europe.directline.botframework.com, not Web Chat's global default).
    const domain = botUrl(settings.directLineDomain);
    const directLine =
      settings.mode === 'local'
        ? // The local development channel has no WebSocket; Web Chat polls it instead.
          WebChat.createDirectLine({ domain, token: credentials.token, webSocket: false, pollingInterval: 500 })
        : WebChat.createDirectLine({ domain, token: credentials.token });
    const connectTimer = setTimeout(() => {
      if (panel.dataset.state === 'loading') showUnavailable();
    }, CONNECT_TIMEOUT_MS);
    const subscription = directLine.connectionStatus$.subscribe({
      next(status) {
        if (status === CONNECTION.ONLINE) {
          clearTimeout(connectTimer);
          // Our spinner stays until Direct Line is connected, so the patient never sees a half-ready chat.
          showReady();
          focusIntoPanel();
        } else if (status === CONNECTION.FAILED_TO_CONNECT) showUnavailable();
        else if (status === CONNECTION.EXPIRED_TOKEN || status === CONNECTION.ENDED) showEnded();
      },
    });
    // A fresh element per conversation: Web Chat keeps its React tree on the element it was given.
    const container = element('div', { style: 'height: 100%' });
    webChatHost.replaceChildren(container);
    WebChat.renderWebChat(
      {
        directLine,
        userID: credentials.userId,
        locale: 'en-US',
        styleOptions: styleOptions(),
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Type your question…' },
      },
      container,
    );
    return {
      end() {
        clearTimeout(connectTimer);
        subscription.unsubscribe();
        directLine.end();
      },
    };
  }

  // ---- Open, close, focus -------------------------------------------------------------------

  function sendBox() {
    return panel.querySelector('[data-id="webchat-sendbox-input"]');
  }

  /** Into the send box on desktop; on touch screens the panel itself, so the keyboard does not cover the welcome. */
  function focusIntoPanel(attempt = 0) {
    const focusIsElsewhere = document.activeElement !== document.body && !panel.contains(document.activeElement);
    if (panel.hidden || focusIsElsewhere) return; // never steal focus the patient moved away
    const touch = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
    const input = touch ? null : sendBox();
    if (input) input.focus();
    // Web Chat renders asynchronously: wait a few frames for its send box.
    else if (!touch && panel.dataset.state === 'ready' && attempt < 120) requestAnimationFrame(() => focusIntoPanel(attempt + 1));
  }

  function open() {
    panel.hidden = false;
    root.dataset.open = 'true';
    launcher.setAttribute('aria-expanded', 'true');
    panel.focus();
    if (panel.dataset.state === 'idle') void start();
    else focusIntoPanel();
  }

  function close() {
    panel.hidden = true;
    root.dataset.open = 'false';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      close();
    }
  });

  function mount() {
    document.head.append(element('style', { id: 'ccw-styles', text: css() }));
    document.body.append(root);
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
