/* calbook-sandbox-rate-limiter.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-sandbox-rate-limiter.h"

/* Cal.com's ThrottlerGuard: a fixed 60 s window per tracker and limit
 * name; going over the limit blocks the tracker for another 60 s. */
#define WINDOW_US (G_USEC_PER_SEC * 60)
#define BLOCK_US (G_USEC_PER_SEC * 60)

typedef struct
{
  gint64 window_start_us;
  guint  hits;
  gint64 blocked_until_us;
} Tracker;

struct _CalbookSandboxRateLimiter
{
  GMutex      lock;
  GHashTable *trackers;   /* "name\ntracker" → Tracker */
};

/* Auxiliary methods */

static void
set_headers (SoupMessageHeaders *headers,
             const char         *name,
             guint               limit,
             guint               remaining,
             gint64              reset_us)
{
  g_autofree char *limit_name = g_strdup_printf ("X-RateLimit-Limit-%s", name);
  g_autofree char *remaining_name = g_strdup_printf ("X-RateLimit-Remaining-%s", name);
  g_autofree char *reset_name = g_strdup_printf ("X-RateLimit-Reset-%s", name);
  g_autofree char *limit_value = g_strdup_printf ("%u", limit);
  g_autofree char *remaining_value = g_strdup_printf ("%u", remaining);
  /* Seconds until the window resets or the block ends, rounded up */
  g_autofree char *reset_value = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  (MAX (reset_us, 0) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  soup_message_headers_replace (headers, limit_name, limit_value);
  soup_message_headers_replace (headers, remaining_name, remaining_value);
  soup_message_headers_replace (headers, reset_name, reset_value);
}

/* Public API */

CalbookSandboxRateLimiter *
calbook_sandbox_rate_limiter_new (void)
{
  CalbookSandboxRateLimiter *self = g_new0 (CalbookSandboxRateLimiter, 1);

  g_mutex_init (&self->lock);
  self->trackers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
calbook_sandbox_rate_limiter_free (CalbookSandboxRateLimiter *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->trackers);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * calbook_sandbox_rate_limiter_hit:
 * @name: the limit's header suffix, e.g. "Default"
 * @tracker: who is counted (API key, or address)
 * @limit: requests per minute, 0 = unlimited (no headers)
 * @headers: response headers to add the X-RateLimit-* triple to
 *
 * Counts one request.
 *
 * Returns: %FALSE when the request must be answered 429
 */
gboolean
calbook_sandbox_rate_limiter_hit (CalbookSandboxRateLimiter *self,
                                  const char                *name,
                                  const char                *tracker,
                                  guint                      limit,
                                  SoupMessageHeaders        *headers)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  gint64 now = g_get_monotonic_time ();
  Tracker *t;

  g_return_val_if_fail (self != NULL, TRUE);

  if (limit == 0)
    return TRUE;

  locker = g_mutex_locker_new (&self->lock);
  key = g_strdup_printf ("%s\n%s", name, tracker);
  t = g_hash_table_lookup (self->trackers, key);
  if (t == NULL)
    {
      t = g_new0 (Tracker, 1);
      t->window_start_us = now;
      g_hash_table_insert (self->trackers, g_steal_pointer (&key), t);
    }

  if (t->blocked_until_us > now)
    {
      set_headers (headers, name, limit, 0, t->blocked_until_us - now);
      return FALSE;
    }

  if (now - t->window_start_us >= WINDOW_US)
    {
      t->window_start_us = now;
      t->hits = 0;
    }

  t->hits++;
  if (t->hits > limit)
    {
      t->blocked_until_us = now + BLOCK_US;
      t->window_start_us = t->blocked_until_us;
      t->hits = 0;
      set_headers (headers, name, limit, 0, BLOCK_US);
      return FALSE;
    }

  set_headers (headers, name, limit, limit - t->hits, t->window_start_us + WINDOW_US - now);
  return TRUE;
}
