/* fuzz-server.h: one loopback HTTP server answering whatever the fuzz
 * input says, so that the API client reads it over real HTTP
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <stdint.h>

#include "calbook-api-client.h"

G_BEGIN_DECLS

/* A client of the server (started on first use) that gives up at once:
 * no retries, no waiting for a rate limit, so each input is one request */
CalbookApiClient *fuzz_server_get_client (void);

/* The first byte of @data picks the status (index into @statuses), the
 * rest is the body of every answer until the next call; returns the byte */
guint8            fuzz_server_set_answer (const uint8_t *data,
                                         size_t         size,
                                         const guint   *statuses,
                                         guint          n_statuses);

void              fuzz_server_store_result_cb (GObject      *source,
                                               GAsyncResult *result,
                                               gpointer      user_data);
/* Runs the thread-default main context until *result is set */
GAsyncResult     *fuzz_server_wait       (GAsyncResult **result);

G_END_DECLS
