// A minimal graphql-ws ("graphql-transport-ws") client for one subscription: connection_init with the token (a
// browser cannot set headers on a WebSocket), subscribe, next/error/complete, and pong to the server's pings.

const PROTOCOL = 'graphql-transport-ws';

/**
 * Subscribes to `query` on /graphql of this origin. handlers: onOpen() when the server accepted the connection,
 * onNext(data), onFail(reason, refused) — called once, when the server refuses (FORBIDDEN, UNAUTHENTICATED, a close with
 * 4401/4403: refused is true), sends another error, completes, or the socket closes or fails. Returns a function that closes the socket without calling onFail.
 */
export function subscribe(token, query, variables, { onOpen, onNext, onFail }) {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  let closedByUs = false;
  let failed = false;
  const fail = (reason, refused = false) => {
    if (failed || closedByUs) return;
    failed = true;
    onFail(reason, refused);
    socket.close();
  };
  // Only a refusal for this token is final; another error (the server's own trouble) may pass on a new attempt.
  const refuse = code => fail(code || 'error', code === 'FORBIDDEN' || code === 'UNAUTHENTICATED');
  const socket = new WebSocket(url, PROTOCOL);
  socket.addEventListener('open', () => socket.send(JSON.stringify(
    { type: 'connection_init', payload: { Authorization: `Bearer ${token}` } })));
  socket.addEventListener('message', event => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      fail('unreadable message');
      return;
    }
    switch (message.type) {
      case 'connection_ack':
        onOpen?.();
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        break;
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong' }));
        break;
      case 'next':
        if (message.payload?.errors?.length) refuse(message.payload.errors[0].extensions?.code);
        else onNext(message.payload.data);
        break;
      case 'error':
        refuse(message.payload?.[0]?.extensions?.code);
        break;
      case 'complete':
        fail('complete');
        break;
      default:
        break;
    }
  });
  // 4401/4403: the server does not accept the token for this; anything else is the connection's failure.
  socket.addEventListener('close', event => fail(`closed ${event.code}`, event.code === 4401 || event.code === 4403));
  socket.addEventListener('error', () => fail('socket error'));
  return () => { closedByUs = true; socket.close(); };
}
