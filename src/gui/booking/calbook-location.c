/* calbook-location.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "calbook-input.h"
#include "calbook-location.h"

/*
 * Cal.com gives a booking's place as one free-form string: an address, a
 * phone number, a link, or "integrations:<app>" for a conferencing app
 * (whose URL, once made, is in meetingUrl). This reads which it is, so the
 * details can offer the right things: copy and maps for an address, Join
 * only for a real https link.
 */

struct _CalbookLocation
{
  CalbookLocationType  type;
  char                *text;
  char                *join_url;
};

static const struct
{
  const char *id;
  const char *name;
} integrations[] = {
  { "daily", N_("Cal Video") },
  { "cal-video", N_("Cal Video") },
  { "zoom", N_("Zoom") },
  { "google:meet", N_("Google Meet") },
  { "google-meet", N_("Google Meet") },
  { "office365_video", N_("Microsoft Teams") },
  { "msteams", N_("Microsoft Teams") },
  { "jitsi", N_("Jitsi Meet") },
  { "whereby", N_("Whereby") },
  { "huddle01", N_("Huddle01") },
  { "tandem", N_("Tandem") },
};

/* Only https links with a host: a booking's text must never launch anything else */
static gboolean
is_https_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;

  if (text == NULL || !g_str_has_prefix (text, "https://"))
    return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         strpbrk (text, " \t\r\n") == NULL;
}

char *
calbook_location_integration_name (const char *integration)
{
  const char *id = integration;
  g_autofree char *name = NULL;

  g_return_val_if_fail (integration != NULL, NULL);

  if (g_str_has_prefix (id, "integrations:"))
    id = id + strlen ("integrations:");

  for (guint i = 0; i < G_N_ELEMENTS (integrations); i++)
    if (g_ascii_strcasecmp (id, integrations[i].id) == 0)
      return g_strdup (_(integrations[i].name));

  /* An app we don't know: "some_app:video" reads "Some app" */
  name = g_strdelimit (g_strndup (id, strcspn (id, ":")), "_-", ' ');
  if (*name == '\0')
    return g_strdup (_("Video call"));
  name[0] = g_ascii_toupper (name[0]);

  return g_steal_pointer (&name);
}

CalbookLocation *
calbook_location_new (const char *location,
                      const char *meeting_url)
{
  CalbookLocation *self = g_new0 (CalbookLocation, 1);
  g_autofree char *text = calbook_input_is_blank (location) ? NULL : g_strstrip (g_strdup (location));

  if (is_https_url (meeting_url))
    self->join_url = g_strdup (meeting_url);

  if (text == NULL)
    {
      self->type = self->join_url != NULL ? CALBOOK_LOCATION_TYPE_LINK : CALBOOK_LOCATION_TYPE_NONE;
      self->text = g_strdup (self->join_url);
    }
  else if (g_str_has_prefix (text, "integrations:"))
    {
      self->type = CALBOOK_LOCATION_TYPE_INTEGRATION;
      self->text = g_steal_pointer (&text);
    }
  else if (g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://"))
    {
      self->type = CALBOOK_LOCATION_TYPE_LINK;
      if (self->join_url == NULL && is_https_url (text))
        self->join_url = g_strdup (text);
      self->text = g_steal_pointer (&text);
    }
  else if (calbook_input_is_phone (text))
    {
      self->type = CALBOOK_LOCATION_TYPE_PHONE;
      self->text = g_steal_pointer (&text);
    }
  else
    {
      self->type = CALBOOK_LOCATION_TYPE_ADDRESS;
      self->text = g_steal_pointer (&text);
    }

  return self;
}

CalbookLocation *
calbook_location_new_for_booking (CalbookBooking *booking)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  return calbook_location_new (calbook_booking_get_location (booking),
                               calbook_booking_get_meeting_url (booking));
}

void
calbook_location_free (CalbookLocation *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->join_url);
  g_free (self);
}

CalbookLocationType
calbook_location_get_location_type (CalbookLocation *self)
{
  g_return_val_if_fail (self != NULL, CALBOOK_LOCATION_TYPE_NONE);

  return self->type;
}

char *
calbook_location_dup_display_text (CalbookLocation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->type == CALBOOK_LOCATION_TYPE_INTEGRATION)
    return calbook_location_integration_name (self->text);

  return g_strdup (self->text);
}

const char *
calbook_location_get_join_url (CalbookLocation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->join_url;
}

const char *
calbook_location_get_copy_text (CalbookLocation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->type)
    {
    case CALBOOK_LOCATION_TYPE_ADDRESS:
    case CALBOOK_LOCATION_TYPE_PHONE:
    case CALBOOK_LOCATION_TYPE_LINK:
      return self->text;
    case CALBOOK_LOCATION_TYPE_INTEGRATION:
      return self->join_url;
    case CALBOOK_LOCATION_TYPE_NONE:
    default:
      return NULL;
    }
}

const char *
calbook_location_type_to_label (CalbookLocationType type)
{
  switch (type)
    {
    case CALBOOK_LOCATION_TYPE_ADDRESS:
      return _("In person");
    case CALBOOK_LOCATION_TYPE_PHONE:
      return _("Phone call");
    case CALBOOK_LOCATION_TYPE_LINK:
      return _("Meeting link");
    case CALBOOK_LOCATION_TYPE_INTEGRATION:
      return _("Video call");
    case CALBOOK_LOCATION_TYPE_NONE:
    default:
      return NULL;
    }
}

const char *
calbook_location_type_to_icon_name (CalbookLocationType type)
{
  switch (type)
    {
    case CALBOOK_LOCATION_TYPE_ADDRESS:
      return "mark-location-symbolic";
    case CALBOOK_LOCATION_TYPE_PHONE:
      return "call-start-symbolic";
    case CALBOOK_LOCATION_TYPE_LINK:
    case CALBOOK_LOCATION_TYPE_INTEGRATION:
      return "camera-web-symbolic";
    case CALBOOK_LOCATION_TYPE_NONE:
    default:
      return "find-location-symbolic";
    }
}
