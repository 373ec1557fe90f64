// The merchant's front end of the sample checkout. No build step, no framework.
//
// It asks the merchant back end (POST /merchant/checkout-token) for a checkout token, then calls the
// checkout API (/v1/...) with it. When the API answers 401 invalid_token (the token expired), it
// calls onAccessTokenExpired(), which fetches a new token from the back end, and retries once.
// Every step is written to the "What happened" list so a person can watch a refresh happen.
// The token itself is never shown or logged.
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var invoiceId = params.get('invoice') || 'inv_1';
  var customerId = params.get('customer') || 'cus_1';
  var token = null;
  var refreshes = 0;

  function $(id) { return document.getElementById(id); }

  function log(text, kind) {
    var li = document.createElement('li');
    li.textContent = new Date().toISOString().substring(11, 19) + '  ' + text;
    if (kind) { li.className = kind; }
    $('log').appendChild(li);
  }

  function BackendRefused(message) { this.message = message; }

  // The merchant back end: trades the merchant's server-side credentials for a checkout token.
  async function fetchCheckoutToken() {
    var r = await fetch('/merchant/checkout-token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ customer_id: customerId, invoice_id: invoiceId })
    });
    var body = await r.json().catch(function () { return {}; });
    if (!r.ok) {
      throw new BackendRefused(body.message || ('HTTP ' + r.status));
    }
    log('merchant back end issued a checkout token (expires ' + body.expires_at + ')');
    return body.token;
  }

  // The callback a checkout SDK calls when the API says the token expired.
  async function onAccessTokenExpired() {
    refreshes++;
    $('refresh-count').textContent = String(refreshes);
    log('onAccessTokenExpired(): asking the merchant back end for a new token', 'refresh');
    token = await fetchCheckoutToken();
    return token;
  }

  function challengeOf(r) {
    return r.headers.get('WWW-Authenticate') || '';
  }

  async function api(path) {
    var r = await fetch(path, { headers: { 'Authorization': 'Bearer ' + token } });
    if (r.status === 401 && /error="invalid_token"/.test(challengeOf(r))) {
      var why = (/error_description="([^"]*)"/.exec(challengeOf(r)) || [])[1] || 'invalid token';
      log('GET ' + path + ' answered 401: ' + why, 'refresh');
      await onAccessTokenExpired();
      log('retrying GET ' + path + ' with the new token', 'refresh');
      r = await fetch(path, { headers: { 'Authorization': 'Bearer ' + token } });
    }
    var body = await r.json().catch(function () { return {}; });
    if (!r.ok) {
      log('GET ' + path + ' answered ' + r.status + ': ' + (body.message || ''), 'fail');
      throw new Error('the payment API answered ' + r.status + ': ' + (body.message || 'error'));
    }
    log('GET ' + path + ' answered ' + r.status);
    return body;
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency: currency }).format(amount / 100);
    } catch (e) {
      return (amount / 100).toFixed(2) + ' ' + currency;
    }
  }

  async function showInvoice() {
    var invoice = await api('/v1/invoices/' + encodeURIComponent(invoiceId));
    var customer = await api('/v1/customers/' + encodeURIComponent(customerId));
    var options = await api('/v1/invoices/' + encodeURIComponent(invoiceId) + '/payment-options');
    $('invoice-id').textContent = invoice.id;
    $('invoice-description').textContent = invoice.description;
    $('invoice-amount').textContent = money(invoice.amount, invoice.currency);
    $('customer-name').textContent = customer.name;
    var ul = $('payment-options');
    ul.textContent = '';
    options.items.forEach(function (o) {
      var li = document.createElement('li');
      li.textContent = o.label;
      li.className = 'payment-option';
      ul.appendChild(li);
    });
    $('invoice').classList.remove('hidden');
    $('error').classList.add('hidden');
    $('status').textContent = 'Invoice loaded.';
  }

  function fail(e) {
    var text = e instanceof BackendRefused
        ? 'The merchant back end refused to start this checkout: ' + e.message
        : 'Something went wrong: ' + e.message;
    $('error').textContent = text;
    $('error').classList.remove('hidden');
    $('status').textContent = 'Checkout unavailable.';
    log(text, 'fail');
  }

  async function start() {
    try {
      token = await fetchCheckoutToken();
      await showInvoice();
    } catch (e) {
      fail(e);
    }
  }

  $('reload').addEventListener('click', function () {
    $('status').textContent = 'Reloading…';
    showInvoice().catch(fail);
  });

  start();
})();
