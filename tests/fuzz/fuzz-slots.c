/* fuzz-slots.c: whatever a server answers to GET /v2/slots, read by the
 * API client over real HTTP and then by the reader the slot picker uses
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-slots.h"
#include "fuzz-server.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const guint statuses[] = { 200, 200, 200, 200, 200, 200, 400, 404, 500 };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  CalbookApiClient *client = fuzz_server_get_client ();
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(JsonObject) days = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2030, 1, 7, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2030, 1, 7, 23, 59, 59);
  guint8 first;

  first = fuzz_server_set_answer (data, size, statuses, G_N_ELEMENTS (statuses));

  calbook_api_client_get_slots_async (client, 1021, start, end, "Europe/Berlin",
                                      (first & 0x80) ? "fuzzUid1234567890abcd" : NULL, NULL,
                                      fuzz_server_store_result_cb, &done);
  days = calbook_api_client_get_slots_finish (client, fuzz_server_wait (&done), &error);
  g_assert_true ((days == NULL) != (error == NULL));

  /* The picker reads whatever came, and gets the starts in order */
  starts = calbook_slots_read_starts (days);
  for (guint i = 1; i < starts->len; i++)
    g_assert_cmpint (g_date_time_compare (g_ptr_array_index (starts, i - 1), g_ptr_array_index (starts, i)),
                     <=, 0);

  return 0;
}
