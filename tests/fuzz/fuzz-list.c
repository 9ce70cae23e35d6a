/* fuzz-list.c: whatever a server answers to a list read (bookings or
 * memberships), read by the API client over real HTTP: error envelopes,
 * the items and the pagination object the sync pages by
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-server.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const guint statuses[] = { 200, 200, 200, 200, 200, 200, 400, 401, 403, 404, 429, 500, 502, 503 };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  CalbookApiClient *client = fuzz_server_get_client ();
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CalbookApiBookingQuery query = { 0, };
  guint8 first;

  /* The first byte picks the status, the list, and the page asked for */
  first = fuzz_server_set_answer (data, size, statuses, G_N_ELEMENTS (statuses));
  query.take = (first & 0x10) ? 100 : 250;
  query.skip = (first & 0x20) ? 250 : 0;

  if (first & 0x40)
    {
      calbook_api_client_list_memberships_async (client, 7001, query.take, query.skip, NULL,
                                                 fuzz_server_store_result_cb, &done);
      page = calbook_api_client_list_memberships_finish (client, fuzz_server_wait (&done), &error);
    }
  else
    {
      calbook_api_client_list_bookings_async (client, (first & 0x80) ? 7001 : 0, &query, NULL,
                                              fuzz_server_store_result_cb, &done);
      page = calbook_api_client_list_bookings_finish (client, fuzz_server_wait (&done), &error);
    }

  /* A page or an error, never both nor neither */
  g_assert_true ((page == NULL) != (error == NULL));
  if (page == NULL)
    return 0;

  /* What a pager relies on: every item has its text, and an empty page
   * never claims a successor (it would page forever) */
  g_assert_cmpuint (page->items->len, ==, page->texts->len);
  if (page->items->len + page->unreadable->len == 0)
    g_assert_false (page->has_next_page);
  for (guint i = 0; i < page->unreadable->len; i++)
    {
      CalbookApiUnreadable *bad = g_ptr_array_index (page->unreadable, i);

      g_assert_true (g_utf8_validate (bad->text, -1, NULL));
      g_assert_true (g_utf8_validate (bad->reason, -1, NULL));
    }

  return 0;
}
