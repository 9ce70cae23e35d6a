/* test-booking-title.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-booking-title.h"

/* A booking as Cal.com sends it: its title and the people it names */
typedef struct
{
  const char *name;
  const char *title;
  const char *host;
  const char *attendee;
  const char *expected;
} TitleCase;

static const TitleCase cases[] = {
  /* Cal.com's own titles, in the host's language */
  { "english", "Initial Consultation between Zoë Ødegaard and Anna Schmidt",
    "Zoë Ødegaard", "Anna Schmidt", "Initial Consultation" },
  { "german", "Erstgespräch zwischen Max Müller und Rosa Jiménez",
    "Max Müller", "Rosa Jiménez", "Erstgespräch" },
  { "french", "Consultation entre Chloé Dubois et Camille Lefèvre",
    "Chloé Dubois", "Camille Lefèvre", "Consultation" },
  { "spanish", "Llamada entre José Núñez y Wei Zhang",
    "José Núñez", "Wei Zhang", "Llamada" },
  /* A team event names the team where the host would be */
  { "team", "Demo between Northwind Sales and Max Client",
    "Ann Host", "Max Client", "Demo" },
  { "team-german", "Vorführung zwischen Vertrieb Nord und Max Client",
    "Ann Host", "Max Client", "Vorführung" },
  /* The attendee's name changed after Cal.com wrote the title */
  { "renamed-attendee", "Physiotherapy Session between Sofia Rossi and Paul Seidel",
    "Sofia Rossi", "<b>Ann</b> & <i>Bob</i>", "Physiotherapy Session" },
  { "renamed-attendee-german", "Erstgespräch zwischen Max Müller und Rosa Jiménez",
    "Max Müller", "Rosa Jiménez-Ortega", "Erstgespräch" },
  { "host-named-nothing-after", "Talk between Ann Host and ", "Ann Host", "Max Client",
    "Talk between Ann Host and " },
  /* Older bookings carry the title alone */
  { "no-people", "Phone Call between Sofia Rossi and Björn Andersson",
    NULL, NULL, "Phone Call" },
  /* Event types that name themselves stay whole */
  { "merely-between", "Mediation between partners",
    "Ann Host", "Max Client", "Mediation between partners" },
  { "merely-between-no-people", "Mediation between partners", NULL, NULL,
    "Mediation between partners" },
  { "names-attendee", "Coaching for Max Client", "Ann Host", "Max Client",
    "Coaching for Max Client" },
  { "other-script", "初回相談（田中 愛子）", "田中 愛子", "Kenji Watanabe",
    "初回相談（田中 愛子）" },
  { "arabic", "استشارة أولى", "Ann Host", "Max Client", "استشارة أولى" },
  /* "between" in the event type's own name: only Cal.com's part goes */
  { "between-twice", "Talk between sessions between Ann Host and Max Client",
    "Ann Host", "Max Client", "Talk between sessions" },
  /* Hostile text comes back as it was, for the display to escape */
  { "markup-event", "<b>Beratung</b> & O'Brien between Ann Host and Max Client",
    "Ann Host", "Max Client", "<b>Beratung</b> & O'Brien" },
  { "hostile-attendee", "Intro between Ann Host and <i>Max</i> and Moritz between us",
    "Ann Host", "<i>Max</i> and Moritz between us", "Intro" },
  { "hostile-host", "Intro between Ann and Bob between Carl and Max Client",
    "Ann and Bob between Carl", "Max Client", "Intro" },
  { "no-event", " between Ann Host and Max Client", "Ann Host", "Max Client",
    " between Ann Host and Max Client" },
  { "only-people", "between Ann Host and Max Client", "Ann Host", "Max Client",
    "between Ann Host and Max Client" },
  { "empty-host-slot", "Intro between  and Max Client", NULL, "Max Client",
    "Intro between  and Max Client" },
  { "trailing-between", "Intro between", NULL, NULL, "Intro between" },
  { "control-characters", "Intro\ncall\t between Ann Host and Max Client",
    "Ann Host", "Max Client", "Intro\ncall\t" },
};

static JsonObject *
person_object (const char *name,
               const char *email)
{
  JsonObject *person = json_object_new ();

  json_object_set_string_member (person, "name", name);
  json_object_set_string_member (person, "email", email);
  return person;
}

/* @guest: an attendee before @attendee, or NULL */
static CalbookBooking *
make_booking (const char *title,
              const char *host,
              const char *guest,
              const char *attendee)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *hosts = json_array_new ();
  JsonArray *attendees = json_array_new ();
  CalbookBooking *booking;

  json_object_set_int_member (object, "id", 7);
  json_object_set_string_member (object, "uid", "title-case");
  if (title != NULL)
    json_object_set_string_member (object, "title", title);
  json_object_set_string_member (object, "status", "accepted");
  json_object_set_string_member (object, "start", "2030-01-09T09:00:00.000Z");
  json_object_set_string_member (object, "end", "2030-01-09T09:45:00.000Z");
  if (host != NULL)
    json_array_add_object_element (hosts, person_object (host, "host@example.org"));
  if (guest != NULL)
    json_array_add_object_element (attendees, person_object (guest, "guest@example.org"));
  if (attendee != NULL)
    json_array_add_object_element (attendees, person_object (attendee, "client@example.org"));
  json_object_set_array_member (object, "hosts", hosts);
  json_object_set_array_member (object, "attendees", attendees);

  booking = calbook_booking_new_from_json (object, &error);
  g_assert_no_error (error);
  return booking;
}

static void
test_title_case (gconstpointer data)
{
  const TitleCase *title_case = data;
  g_autoptr(CalbookBooking) booking = make_booking (title_case->title, title_case->host,
                                                    NULL, title_case->attendee);
  g_autofree char *name = calbook_booking_title_dup_event_name (booking);
  g_autofree char *from_row = NULL;

  g_assert_cmpstr (name, ==, title_case->expected);

  /* The same from what a row of the store holds */
  from_row = calbook_booking_title_dup_event_name_from (title_case->title, title_case->host,
                                                        title_case->attendee);
  g_assert_cmpstr (from_row, ==, title_case->expected);
}

/* A guest known by e-mail alone, listed before the booker, does not hide
 * the booker's name at the end */
static void
test_guest_before_booker (void)
{
  g_autoptr(CalbookBooking) booking = make_booking ("Intro zwischen Vertrieb Nord und Max Client",
                                                    NULL, "", "Max Client");
  g_autofree char *name = calbook_booking_title_dup_event_name (booking);

  g_assert_cmpstr (name, ==, "Intro");
}

static void
test_no_title (void)
{
  g_autoptr(CalbookBooking) untitled = make_booking (NULL, "Ann Host", NULL, "Max Client");
  g_autoptr(CalbookBooking) empty = make_booking ("", "Ann Host", NULL, "Max Client");
  g_autofree char *untitled_name = calbook_booking_title_dup_event_name (untitled);
  g_autofree char *empty_name = calbook_booking_title_dup_event_name (empty);

  g_assert_null (untitled_name);
  g_assert_null (empty_name);
  g_assert_null (calbook_booking_title_dup_event_name_from (NULL, "Ann Host", "Max Client"));
  g_assert_null (calbook_booking_title_dup_event_name_from ("", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/booking-title/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_title_case);
    }
  g_test_add_func ("/core/booking-title/guest-before-booker", test_guest_before_booker);
  g_test_add_func ("/core/booking-title/no-title", test_no_title);

  return g_test_run ();
}
