/* api-test-util.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "calbook-api-client.h"
#include "calbook-error.h"

G_BEGIN_DECLS

/* Captures every log line of the test program, so a test can assert that the
 * API key never shows up in any of them. */
void          api_test_capture_logs      (void);
const char   *api_test_get_logs          (void);
guint         api_test_count_in_logs     (const char *needle);
void          api_test_clear_logs        (void);

/* Runs the default main context until an async call is done */
GAsyncResult *api_test_wait              (GAsyncResult **slot);
void          api_test_store_result_cb   (GObject       *object,
                                          GAsyncResult  *result,
                                          gpointer       user_data);

guint32       api_test_get_seed          (void);

G_END_DECLS
