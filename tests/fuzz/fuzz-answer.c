/* fuzz-answer.c: whatever a server answers to a change, read by the API
 * client over real HTTP: status, error envelopes and the booking data
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-server.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const guint statuses[] = { 200, 200, 200, 201, 400, 401, 403, 404, 409, 422, 200, 500 };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const kinds[] = { "confirm", "cancel", "decline", "reschedule" };
  CalbookApiClient *client = fuzz_server_get_client ();
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(JsonNode) answered = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  guint8 first;

  /* The first byte picks the status and the change, the rest is the body */
  first = fuzz_server_set_answer (data, size, statuses, G_N_ELEMENTS (statuses));

  calbook_api_client_mutate_booking_async (client, kinds[(first >> 4) % G_N_ELEMENTS (kinds)],
                                           "fuzzUid1234567890abcd", body, NULL,
                                           fuzz_server_store_result_cb, &done);
  answered = calbook_api_client_mutate_booking_finish (client, fuzz_server_wait (&done), &error);
  /* An answer is data or an error, never both nor neither */
  g_assert_true ((answered == NULL) != (error == NULL));

  return 0;
}
