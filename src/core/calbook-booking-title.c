/* calbook-booking-title.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-booking-title.h"
#include "calbook-person.h"

/* Cal.com names a booking "<event type> between <host> and <attendee>" in
 * the host's language, unless the event type sets a name of its own. The
 * people part is told by the booking's own people at the end of the title,
 * never by a word alone: an event type may well be "Mediation between
 * partners". */

/* The words around the host, for team events (whose title names the team,
 * not a host): Cal.com's English and German */
static const struct
{
  const char *before_host;
  const char *before_attendee;
} connectors[] = {
  { " between ", " and " },
  { " zwischen ", " und " },
};

/* Whether @text[0, @len) ends in " @name"; @rest_len gets what comes before */
static gboolean
ends_with_name (const char *text,
                gsize       len,
                const char *name,
                gsize      *rest_len)
{
  gsize name_len = strlen (name);

  if (name_len == 0 || name_len + 1 > len)
    return FALSE;
  if (text[len - name_len - 1] != ' ' || memcmp (text + len - name_len, name, name_len) != 0)
    return FALSE;

  *rest_len = len - name_len - 1;
  return TRUE;
}

/* Whether @text[0, @len) ends in " <one word>" after something; @rest_len
 * gets what comes before */
static gboolean
ends_with_word (const char *text,
                gsize       len,
                gsize      *rest_len)
{
  const char *space;

  if (len == 0)
    return FALSE;

  space = g_strrstr_len (text, len, " ");
  if (space == NULL || space == text || space == text + len - 1 || space[-1] == ' ')
    return FALSE;

  *rest_len = space - text;
  return TRUE;
}

/* "<event> <word> <host> <word> <attendee>", in any language */
static char *
cut_named_people (const char        *title,
                  const char *const *hosts,
                  const char *const *attendees)
{
  gsize len = strlen (title);

  for (guint a = 0; attendees[a] != NULL; a++)
    {
      gsize before_attendee, before_word;

      if (!ends_with_name (title, len, attendees[a], &before_attendee) ||
          !ends_with_word (title, before_attendee, &before_word))
        continue;

      for (guint h = 0; hosts[h] != NULL; h++)
        {
          gsize before_host, event_len;

          if (ends_with_name (title, before_word, hosts[h], &before_host) &&
              ends_with_word (title, before_host, &event_len))
            return g_strndup (title, event_len);
        }
    }

  return NULL;
}

/* Where the last @word stands in @text[0, @len) after some text, or NULL */
static const char *
find_last (const char *text,
           gsize       len,
           const char *word)
{
  const char *found = g_strrstr_len (text, len, word);

  return found != NULL && found > text ? found : NULL;
}

/* "<event> between <host> and <anyone>": the attendee's name changed since
 * Cal.com wrote the title */
static char *
cut_after_host (const char        *title,
                const char        *before_host,
                const char        *before_attendee,
                const char *const *hosts)
{
  for (guint h = 0; hosts[h] != NULL; h++)
    {
      g_autofree char *people = NULL;
      const char *found;

      if (*hosts[h] == '\0')
        continue;

      people = g_strconcat (before_host, hosts[h], before_attendee, NULL);
      found = find_last (title, strlen (title), people);
      if (found != NULL && found[strlen (people)] != '\0')
        return g_strndup (title, found - title);
    }

  return NULL;
}

/* "<event> between <anyone> and <attendee>" (a team event names the team),
 * "<event> between <host> and <anyone>"; any people when the booking names
 * no attendee (older bookings carry only the title) */
static char *
cut_connected_people (const char        *title,
                      const char *const *hosts,
                      const char *const *attendees)
{
  gsize len = strlen (title);
  gboolean named = FALSE;

  for (guint a = 0; attendees[a] != NULL; a++)
    named |= *attendees[a] != '\0';

  for (guint c = 0; c < G_N_ELEMENTS (connectors); c++)
    {
      const char *before_host = connectors[c].before_host;
      const char *before_attendee = connectors[c].before_attendee;
      char *name = cut_after_host (title, before_host, before_attendee, hosts);

      if (name != NULL)
        return name;

      if (named)
        for (guint a = 0; attendees[a] != NULL; a++)
          {
            gsize rest, word_len = strlen (before_attendee);
            const char *host;

            if (!ends_with_name (title, len, attendees[a], &rest) ||
                rest + 1 < word_len ||
                memcmp (title + rest + 1 - word_len, before_attendee, word_len) != 0)
              continue;

            /* Some name between the words, however short */
            host = find_last (title, rest + 1 - word_len, before_host);
            if (host != NULL && host + strlen (before_host) < title + rest + 1 - word_len)
              return g_strndup (title, host - title);
          }
      else
        {
          const char *host = find_last (title, len, before_host);
          const char *attendee;

          if (host == NULL)
            continue;
          attendee = strstr (host + strlen (before_host), before_attendee);
          if (attendee != NULL && attendee > host + strlen (before_host) &&
              attendee[strlen (before_attendee)] != '\0')
            return g_strndup (title, host - title);
        }
    }

  return NULL;
}

/* @hosts and @attendees: names, NULL-terminated; "" for one without */
static char *
dup_event_name (const char        *title,
                const char *const *hosts,
                const char *const *attendees)
{
  char *name;

  if (title == NULL || *title == '\0')
    return NULL;

  name = cut_named_people (title, hosts, attendees);
  if (name == NULL)
    name = cut_connected_people (title, hosts, attendees);

  return name != NULL ? name : g_strdup (title);
}

/* The names of @people, NULL-terminated, owned by @people */
static const char **
collect_names (GPtrArray *people)
{
  const char **names = g_new0 (const char *, people->len + 1);

  for (guint i = 0; i < people->len; i++)
    names[i] = ((CalbookPerson *) g_ptr_array_index (people, i))->name;

  return names;
}

/**
 * calbook_booking_title_dup_event_name:
 * @booking: a #CalbookBooking
 *
 * What the booking is, without the people Cal.com's own titles name:
 * "Intro call" from "Intro call between Ann Host and Max Client". A title
 * the event type named itself comes back whole.
 *
 * Returns: (transfer full) (nullable): the event's name, or %NULL when the
 *   booking has no title
 */
char *
calbook_booking_title_dup_event_name (CalbookBooking *booking)
{
  g_autofree const char **hosts = NULL;
  g_autofree const char **attendees = NULL;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  hosts = collect_names (calbook_booking_get_hosts (booking));
  attendees = collect_names (calbook_booking_get_attendees (booking));

  return dup_event_name (calbook_booking_get_title (booking), hosts, attendees);
}

/**
 * calbook_booking_title_dup_event_name_from:
 * @title: (nullable): the booking's title
 * @host_name: (nullable): its host's name; %NULL or "" when unknown
 * @attendee_name: (nullable): its first attendee's name; %NULL or "" when
 *   unknown
 *
 * calbook_booking_title_dup_event_name() for what a row of the store holds.
 *
 * Returns: (transfer full) (nullable): the event's name, or %NULL without
 *   a title
 */
char *
calbook_booking_title_dup_event_name_from (const char *title,
                                           const char *host_name,
                                           const char *attendee_name)
{
  const char *hosts[] = { host_name != NULL ? host_name : "", NULL };
  const char *attendees[] = { attendee_name != NULL ? attendee_name : "", NULL };

  return dup_event_name (title, hosts, attendees);
}
