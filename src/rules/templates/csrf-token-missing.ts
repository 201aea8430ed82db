import { defineTemplateRule } from '../../core/rule.js';
import { analyzeHtml, attribute, templateLanguage, type HtmlStartTag } from '../../templates/html-context.js';
import { blockName, parseVariable } from '../../templates/lexer.js';

interface OpenForm {
  tag: HtmlStartTag;
  /** A POST form to this site: the one kind that needs the token. */
  checked: boolean;
  hasToken: boolean;
  /** `{% include %}` or `{% block %}` inside: the token may come from there. */
  indirect: string[];
}

/** An absolute URL to another origin (or any origin): `https://…`, `http://…`, `//host/…`. */
const EXTERNAL_URL = /^\s*(?:https?:)?\/\//i;

export default defineTemplateRule({
  meta: {
    code: 'TPL006',
    name: 'csrf-token-missing',
    family: 'templates',
    severity: 'medium',
    confidence: 'high',
    cwe: [352],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A <form method="post"> in a template has no {% csrf_token %} before its </form>.',
    fix: 'Add {% csrf_token %} inside the form, right after the <form> tag, and keep the view protected by CsrfViewMiddleware.',
    docs: {
      whatItDoes:
        'Follows the HTML structure of each template and reports every `<form method="post">` (any case, quoted or ' +
        'not) that has no `{% csrf_token %}` between its start tag and its `</form>` (or the end of the template ' +
        'when the form is not closed there). A hand-written `<input name="csrfmiddlewaretoken" value="{{ csrf_token }}">` ' +
        'counts as a token; a `{% csrf_token %}` inside an HTML comment does not. Forms that post to an absolute URL ' +
        '(`action="https://…"` or `//…`) are not reported, since another site must not receive this site\'s token. ' +
        'When the form contains `{% include %}` or `{% block %}`, which may render the token, the finding has low ' +
        'confidence.',
      whyItMatters:
        'With `CsrfViewMiddleware` enabled (the default), a POST without the token is rejected with 403, so a ' +
        'form that works without one usually means its view is decorated with `@csrf_exempt` or the middleware is ' +
        'off. Then any other website can make a logged-in visitor\'s browser submit the form: change their e-mail ' +
        'address or password, place an order, post content in their name (cross-site request forgery). If the view ' +
        'is protected, the form is simply broken for users.',
      example: {
        bad: '<form action="{% url \'catalog:add_review\' product.slug %}" method="post">\n  {{ form.as_p }}\n  <button>Send</button>\n</form>',
        good: '<form action="{% url \'catalog:add_review\' product.slug %}" method="post">\n  {% csrf_token %}\n  {{ form.as_p }}\n  <button>Send</button>\n</form>',
        language: 'html+django',
      },
      howToFix:
        'Put `{% csrf_token %}` inside every form that posts to your own site, render the template with the request ' +
        '(`render(request, …)` or a `TemplateResponse`, so the token is in the context), and remove any ' +
        '`@csrf_exempt` from the view. For requests sent with `fetch()`, read the token from the `csrftoken` cookie ' +
        'or a `{% csrf_token %}` in the page and send it in the `X-CSRFToken` header.',
      references: [
        { title: 'Django: Cross Site Request Forgery protection', url: 'https://docs.djangoproject.com/en/stable/ref/csrf/' },
        { title: 'Django templates: csrf_token', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#csrf-token' },
        { title: 'Django security: cross site request forgery (CSRF) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-request-forgery-csrf-protection' },
        { title: 'CWE-352: Cross-Site Request Forgery (CSRF)', url: 'https://cwe.mitre.org/data/definitions/352.html' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'Only the template\'s own text is read: a token rendered by an included template, by a block a child ' +
        'template fills, or by a form-rendering tag (`{% crispy %}` with its own form tag) is not seen, and forms ' +
        'whose method is computed (`method="{{ method }}"`) or that post only through a button\'s `formmethod` are ' +
        'not checked. `{% if %}` branches are read one after the other, so a token in one branch counts for a form ' +
        'opened in another. Forms posting to an absolute `https://` URL of the site itself are skipped too.',
    },
  },
  check(context) {
    const analysis = analyzeHtml(context.tokens, templateLanguage(context.file.path));
    const open: OpenForm[] = [];
    const close = (form: OpenForm): void => {
      if (!form.checked || form.hasToken) return;
      const { tag } = form;
      const indirect = form.indirect.length > 0;
      context.report({
        token: tag.token,
        start: tag.start,
        end: tag.end,
        message: indirect
          ? `<form method="post"> has no {% csrf_token %} of its own; it may come from ${[...new Set(form.indirect)].join(', ')}`
          : '<form method="post"> has no {% csrf_token %}: the POST is rejected, or open to cross-site request forgery if the view is exempt',
        ...(indirect ? { confidence: 'low' as const } : {}),
      });
    };
    for (const event of analysis.events) {
      if (event.type === 'start-tag') {
        const { tag } = event;
        if (tag.name === 'form') {
          const method = attribute(tag, 'method');
          const action = attribute(tag, 'action');
          const post = method !== undefined && !method.dynamic && (method.value ?? '').trim().toLowerCase() === 'post';
          const external = typeof action?.value === 'string' && EXTERNAL_URL.test(action.value);
          open.push({ tag, checked: post && !external, hasToken: false, indirect: [] });
        } else if (tag.name === 'input' && attribute(tag, 'name')?.value?.trim() === 'csrfmiddlewaretoken') {
          for (const form of open) form.hasToken = true;
        }
      } else if (event.type === 'end-tag') {
        if (event.tag.name === 'form') {
          const form = open.pop();
          if (form) close(form);
        }
      } else if (event.context.kind !== 'comment') {
        const { token } = event;
        const name = blockName(token);
        if (name === 'csrf_token' || (token.type === 'var' && parseVariable(token.contents).base === 'csrf_token')) {
          for (const form of open) form.hasToken = true;
        } else if (name === 'include' || name === 'block') {
          for (const form of open) form.indirect.push(`{% ${token.contents} %}`);
        }
      }
    }
    // A form the template leaves open runs to its end (the rest is in another template).
    while (open.length > 0) close(open.pop()!);
  },
});
