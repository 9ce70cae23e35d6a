/* calbook-booking-text.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "calbook-booking-text.h"
#include "calbook-format.h"

const char *
calbook_booking_text_client_name (CalbookBooking *booking)
{
  GPtrArray *attendees = calbook_booking_get_attendees (booking);
  const char *name = NULL;

  if (attendees->len > 0)
    name = calbook_person_get_label (g_ptr_array_index (attendees, 0));
  if (name == NULL || *name == '\0')
    name = calbook_booking_get_title (booking);

  if (name == NULL || *name == '\0')
    return _("the client");

  /* Dialogs and toasts lay the name out whole: a huge one is cut, once,
   * and kept with the (immutable) booking */
  if (strlen (name) > CALBOOK_BOOKING_TEXT_MAX_CHARS)
    {
      const char *short_name = g_object_get_data (G_OBJECT (booking), "calbook-short-client-name");

      if (short_name == NULL)
        {
          short_name = calbook_booking_text_shorten (name);
          g_object_set_data_full (G_OBJECT (booking), "calbook-short-client-name",
                                  (char *) short_name, g_free);
        }
      return short_name;
    }

  return name;
}

char *
calbook_booking_text_describe (CalbookBooking *booking)
{
  g_autofree char *when = calbook_format_time_range (calbook_booking_get_start (booking),
                                                     calbook_booking_get_end (booking));

  /* Translators: a booking: who and when, e.g. "Ann Smith, Tue 3 Dec 10:00–10:30" */
  return g_strdup_printf (_("%s, %s"), calbook_booking_text_client_name (booking), when);
}

static char *
shorten_to (const char *text,
            glong       max_chars)
{
  g_autofree char *start = NULL;

  if (text == NULL)
    return NULL;

  if (strlen (text) <= (gsize) max_chars || g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  start = g_strndup (text, g_utf8_offset_to_pointer (text, max_chars) - text);

  return g_strconcat (start, "…", NULL);
}

char *
calbook_booking_text_shorten (const char *text)
{
  return shorten_to (text, CALBOOK_BOOKING_TEXT_MAX_CHARS);
}

char *
calbook_booking_text_shorten_notes (const char *text)
{
  return shorten_to (text, CALBOOK_BOOKING_TEXT_MAX_NOTES_CHARS);
}
