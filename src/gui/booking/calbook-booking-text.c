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

  return name != NULL && *name != '\0' ? name : _("the client");
}

char *
calbook_booking_text_describe (CalbookBooking *booking)
{
  g_autofree char *when = calbook_format_time_range (calbook_booking_get_start (booking),
                                                     calbook_booking_get_end (booking));

  /* Translators: a booking: who and when, e.g. "Ann Smith, Tue 3 Dec 10:00–10:30" */
  return g_strdup_printf (_("%s, %s"), calbook_booking_text_client_name (booking), when);
}

char *
calbook_booking_text_shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (text == NULL)
    return NULL;

  if (strlen (text) <= CALBOOK_BOOKING_TEXT_MAX_CHARS ||
      g_utf8_strlen (text, -1) <= CALBOOK_BOOKING_TEXT_MAX_CHARS)
    return g_strdup (text);

  start = g_strndup (text, g_utf8_offset_to_pointer (text, CALBOOK_BOOKING_TEXT_MAX_CHARS) - text);

  return g_strconcat (start, "…", NULL);
}
