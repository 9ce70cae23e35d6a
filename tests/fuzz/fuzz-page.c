/* fuzz-page.c: a page of bookings as Cal.com might answer it, cut into its
 * items the way the sync reads pages, each item read on its own
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "calbook-booking.h"
#include "calbook-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CalbookJsonSpan));
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = calbook_json_parse ((const char *) data, (gssize) size, NULL);

  if (!calbook_json_find_items ((const char *) data, size, "data", spans, &error))
    return 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const CalbookJsonSpan *span = &g_array_index (spans, CalbookJsonSpan, i);
      g_autofree char *item = NULL;
      g_autoptr(CalbookBooking) booking = NULL;

      /* Every span lies inside the text */
      g_assert_cmpuint (span->offset + span->length, <=, size);
      item = g_strndup ((const char *) data + span->offset, span->length);
      booking = calbook_booking_new_from_json_string (item, -1, NULL);
    }

  return 0;
}
