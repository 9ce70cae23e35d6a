/* calbook-sandbox-demo-data.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "calbook-sandbox-demo-clients.h"
#include "calbook-sandbox-demo-data.h"
#include "calbook-sandbox-seed.h"

/*
 * The curated data behind `calbook --demo`: the weeks around today of a
 * therapy practice in Berlin with a colleague in Vienna and one coaching
 * online from Lisbon. Bookings lie in working hours in each host's zone,
 * clients live where such clients live, and the texts are what people
 * write. Nothing here is meant to test anything: hostile and odd texts
 * belong to the test data sets of calbook-sandbox-seed.c.
 */

#define DAY_MS ((gint64) 24 * 3600 * 1000)
#define HOUR_MS ((gint64) 3600 * 1000)
#define MINUTE_MS ((gint64) 60 * 1000)

/* From the Monday two weeks back; booked fully for two weeks ahead, then
 * thinning out to the last day (clients book the near weeks) */
#define FIRST_DAY (-14)
#define FULL_DAYS 14
#define LAST_DAY 35
#define DAY_START (9 * 60)
#define LUNCH_START (12 * 60 + 30)
#define LUNCH_END (13 * 60 + 30)
#define DAY_END (17 * 60)

typedef enum
{
  PRACTICE_PHYSIO,
  PRACTICE_THERAPY,
  PRACTICE_NUTRITION,
  PRACTICE_COACHING,
  PRACTICE_SPEECH,
} Practice;

typedef struct
{
  const char *username;
  const char *name;
  const char *role;
  const char *time_zone;
  Practice    practice;
  const char *room;
  const char *phone;
  double      busy;           /* share of the day's slots booked */
  guint       caseload;       /* clients of their own */
  guint       per_week;       /* visits a client makes in a week at most */
} StaffSpec;

static const StaffSpec staff[] = {
  { "hanna.becker", "Dr. Hanna Becker", "OWNER", "Europe/Berlin", PRACTICE_THERAPY,
    "Praxis am Lindenhof, Lindenstraße 14, 10969 Berlin — Room 1", "+49 30 2345 6701", 0.45, 26, 1 },
  { "sofia.rossi", "Sofia Rossi", "ADMIN", "Europe/Berlin", PRACTICE_PHYSIO,
    "Praxis am Lindenhof, Lindenstraße 14, 10969 Berlin — Treatment room 3", "+49 30 2345 6702", 0.7, 44, 2 },
  { "jonas.weber", "Jonas Weber", "MEMBER", "Europe/Berlin", PRACTICE_PHYSIO,
    "Praxis am Lindenhof, Lindenstraße 14, 10969 Berlin — Treatment room 2", "+49 30 2345 6703", 0.75, 46, 2 },
  { "amira.haddad", "Amira Haddad", "MEMBER", "Europe/Berlin", PRACTICE_THERAPY,
    "Praxis am Lindenhof, Lindenstraße 14, 10969 Berlin — Room 4", "+49 30 2345 6704", 0.6, 30, 1 },
  { "lukas.novak", "Lukáš Novák", "MEMBER", "Europe/Vienna", PRACTICE_NUTRITION,
    "Gesundheitszentrum Mariahilf, Mariahilfer Straße 88, 1070 Wien", "+43 1 234 5678", 0.5, 30, 1 },
  { "ines.carvalho", "Inês Carvalho", "MEMBER", "Europe/Lisbon", PRACTICE_COACHING,
    NULL, "+351 21 234 5678", 0.55, 34, 1 },
  { "mei.lin", "Mei Lin", "MEMBER", "Europe/Berlin", PRACTICE_SPEECH,
    "Praxis am Lindenhof, Lindenstraße 14, 10969 Berlin — Room 5", "+49 30 2345 6707", 0.55, 30, 2 },
};

typedef CalbookSandboxClientSpec ClientSpec;

/* What clients write in "Additional notes", by practice; "" = nothing */
static const char * const physio_notes[] = {
  "", "", "",
  "Lower back pain for two weeks, worse in the morning.",
  "Follow-up after knee surgery (ACL), week 6. Please bring the exercise sheet.",
  "Referral from Dr. Schmidt for six sessions of manual therapy.",
  "Shoulder stiff since the skiing holiday.",
  "Ich komme mit dem Fahrrad, eventuell fünf Minuten später.",
  "Running injury, right Achilles tendon. Half marathon in May.",
  "Neck pain from desk work; I can bring photos of my workstation.",
  "Quarterly check of the home exercise programme.",
};

static const char * const therapy_notes[] = {
  "", "", "",
  "Would like to continue with the sleep diary we started.",
  "Prefers to speak English.",
  "Quarterly review of the treatment plan.",
  "First appointment after the summer break.",
  "Please call if the room changes — I use the lift.",
  "Möchte über die Situation am Arbeitsplatz sprechen.",
};

static const char * const nutrition_notes[] = {
  "", "",
  "Food diary for the last two weeks is attached to my e-mail.",
  "Vegetarian, lactose intolerant.",
  "Blood test results from my GP will follow.",
  "Training for a cycling tour, need a plan for long days.",
};

static const char * const coaching_notes[] = {
  "", "",
  "Goal for this session: prepare the talk with my team lead.",
  "I will be travelling — joining from my phone.",
  "Follow-up on the career plan from last time.",
  "Quero falar sobre a mudança de emprego.",
};

static const char * const speech_notes[] = {
  "", "",
  "My son is 5; his father will join the call as a guest.",
  "Stuttering therapy, session 4.",
  "After the stroke in January; speech is getting better.",
  "Voice training before the choir season.",
};

static const char * const cancellation_reasons[] = {
  "Down with the flu, I will book again next week.",
  "My daughter's school closed today, sorry for the short notice.",
  "Travelling for work that week after all.",
  "Feeling much better, no further sessions needed for now.",
};

typedef struct
{
  gint64 start_ms;
  gint64 end_ms;
} Interval;

typedef struct
{
  CalbookSandboxDb *db;
  GRand            *rand;
  gint64            now_ms;
  /* user id → GArray of Interval already taken */
  GHashTable       *taken;
  /* "e-mail day" of clients seen that day: one visit a day each */
  GHashTable       *client_days;
  /* "e-mail year-week" → visits that week (GINT_TO_POINTER) */
  GHashTable       *client_weeks;
  /* user id → GPtrArray of ClientSpec: each practitioner's own clients */
  GHashTable       *caseloads;
} DemoContext;

typedef struct
{
  const CalbookSandboxUser      *host;
  const CalbookSandboxEventType *et;
  const ClientSpec              *client;
  const CalbookSandboxUser      *colleague;   /* attendee instead of a client */
  const char                    *notes;
  const char                    *guest_email;
  gint64                         start_ms;
  guint                          length;
  const char                    *status;
  const char                    *cancellation_reason;
  gboolean                       client_absent;
  const char                    *uid;
  const char                    *recurring_event_id;
  const char                    *rescheduled_from_uid;
  const char                    *rescheduled_to_uid;
  const char                    *rescheduling_reason;
  const char                    *rescheduled_by;
  gint64                         created_ms;   /* 0: some days before */
  gint64                         updated_ms;   /* 0: at creation */
} DemoBooking;

/* Auxiliary methods */

static const StaffSpec *
spec_of (const CalbookSandboxUser *user)
{
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    if (g_str_equal (staff[i].username, user->username))
      return &staff[i];

  g_assert_not_reached ();
}

static void
add_staff (CalbookSandboxDb *db,
           guint64           seed)
{
  static const guint call_lengths[] = { 15, 30, 45 };

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      CalbookSandboxUser *user = g_new0 (CalbookSandboxUser, 1);
      const StaffSpec *spec = &staff[i];
      gint64 base = 1000 + 10 * (gint64) i;
      g_autofree char *link = g_strdup_printf ("https://meet.lindenhof-praxis.example/%s", spec->username);

      user->id = 101 + (gint64) i;
      user->username = g_strdup (spec->username);
      user->name = g_strdup (spec->name);
      user->email = g_strdup_printf ("%s@lindenhof-praxis.example", spec->username);
      user->role = g_strdup (spec->role);
      user->api_key = calbook_sandbox_seed_make_api_key (seed, spec->username);
      user->time_zone = g_strdup (spec->time_zone);
      user->membership_id = 501 + (gint64) i;
      calbook_sandbox_db_add_user (db, user);

      switch (spec->practice)
        {
        case PRACTICE_PHYSIO:
          calbook_sandbox_seed_add_event_type (db, base + 1, user->id, "Physiotherapy Session", "physiotherapy",
                                               "Treatment at the practice. Please bring a towel and comfortable clothes.",
                                               45, "address", "address", spec->room, spec->room, FALSE, 0, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 2, user->id, "Initial Assessment", "initial-assessment",
                                               "A first examination; we confirm your request within a day.",
                                               60, "address", "address", spec->room, spec->room, TRUE, 0, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 3, user->id, "Follow-up Call", "follow-up-call",
                                               "We call you to see how the exercises are going.",
                                               15, "phone", "phone", spec->phone, spec->phone, FALSE, 0,
                                               call_lengths, G_N_ELEMENTS (call_lengths));
          if (g_str_equal (spec->role, "ADMIN"))
            calbook_sandbox_seed_add_event_type (db, base + 4, user->id, "Back Fit Programme", "back-fit",
                                                 "Six weekly sessions of guided training for the back.",
                                                 45, "address", "address", spec->room, spec->room, FALSE, 6, NULL, 0);
          break;
        case PRACTICE_THERAPY:
          calbook_sandbox_seed_add_event_type (db, base + 1, user->id, "Therapy Session", "therapy-session",
                                               "A 50-minute session at the practice.",
                                               50, "address", "address", spec->room, spec->room, FALSE, 0, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 2, user->id, "First Consultation", "first-consultation",
                                               "Getting to know each other; requests are confirmed personally.",
                                               50, "address", "address", spec->room, spec->room, TRUE, 0, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 3, user->id, "Online Session", "online-session",
                                               "A session by video.",
                                               50, "link", "link", link, link, FALSE, 0, NULL, 0);
          break;
        case PRACTICE_NUTRITION:
          calbook_sandbox_seed_add_event_type (db, base + 1, user->id, "Nutrition Consultation", "nutrition-consultation",
                                               "We look at your food diary and set goals together.",
                                               60, "address", "address", spec->room, spec->room, TRUE, 0, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 2, user->id, "Check-in Call", "check-in-call",
                                               "A short call between consultations.",
                                               15, "phone", "phone", spec->phone, spec->phone, FALSE, 0,
                                               call_lengths, 2);
          break;
        case PRACTICE_COACHING:
          calbook_sandbox_seed_add_event_type (db, base + 1, user->id, "Coaching Session", "coaching",
                                               "One session by video.",
                                               45, "link", "link", link, link, FALSE, 0, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 2, user->id, "Weekly Coaching", "weekly-coaching",
                                               "Six weekly sessions by video.",
                                               45, "integration", "integration", "cal-video",
                                               "integrations:daily", FALSE, 6, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 3, user->id, "Intro Call", "intro-call",
                                               "Fifteen minutes to see whether we fit.",
                                               15, "link", "link", link, link, TRUE, 0, NULL, 0);
          break;
        case PRACTICE_SPEECH:
        default:
          calbook_sandbox_seed_add_event_type (db, base + 1, user->id, "Speech Therapy", "speech-therapy",
                                               "A 45-minute session at the practice.",
                                               45, "address", "address", spec->room, spec->room, FALSE, 0, NULL, 0);
          calbook_sandbox_seed_add_event_type (db, base + 2, user->id, "Parent Consultation", "parent-consultation",
                                               "For parents: progress and exercises at home, by video.",
                                               30, "link", "link", link, link, TRUE, 0, NULL, 0);
          break;
        }
    }
}

static GPtrArray *
event_types_of (DemoContext              *ctx,
                const CalbookSandboxUser *user)
{
  GPtrArray *event_types = calbook_sandbox_db_get_event_types (ctx->db);
  GPtrArray *own = g_ptr_array_new ();

  for (guint i = 0; i < event_types->len; i++)
    {
      const CalbookSandboxEventType *et = g_ptr_array_index (event_types, i);

      if (et->owner_id == user->id)
        g_ptr_array_add (own, (gpointer) et);
    }

  return own;
}

static const CalbookSandboxEventType *
find_event_type (DemoContext              *ctx,
                 const CalbookSandboxUser *user,
                 const char               *slug)
{
  g_autoptr(GPtrArray) own = event_types_of (ctx, user);

  for (guint i = 0; i < own->len; i++)
    {
      const CalbookSandboxEventType *et = g_ptr_array_index (own, i);

      if (g_str_equal (et->slug, slug))
        return et;
    }

  return NULL;
}

static GPtrArray *
caseload_of (DemoContext              *ctx,
             const CalbookSandboxUser *host)
{
  GPtrArray *clients = g_hash_table_lookup (ctx->caseloads, &host->id);

  g_assert (clients != NULL && clients->len > 0);
  return clients;
}

static const ClientSpec *
pick_client (DemoContext              *ctx,
             const CalbookSandboxUser *host)
{
  GPtrArray *clients = caseload_of (ctx, host);

  return g_ptr_array_index (clients, g_rand_int_range (ctx->rand, 0, (gint32) clients->len));
}

/* A client of @host with no other appointment on @day and fewer than the
 * practice's visits that week; %NULL when there is none */
static const ClientSpec *
pick_client_for_day (DemoContext              *ctx,
                     const CalbookSandboxUser *host,
                     GDateTime                *day)
{
  GPtrArray *clients = caseload_of (ctx, host);
  const StaffSpec *spec = spec_of (host);
  guint first = (guint) g_rand_int_range (ctx->rand, 0, (gint32) clients->len);
  g_autofree char *date = g_date_time_format (day, "%F");
  g_autofree char *week = g_date_time_format (day, "%G-%V");

  for (guint k = 0; k < clients->len; k++)
    {
      const ClientSpec *client = g_ptr_array_index (clients, (first + k) % clients->len);
      g_autofree char *day_key = g_strdup_printf ("%s %s", client->email, date);
      g_autofree char *week_key = g_strdup_printf ("%s %s", client->email, week);
      guint visits = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->client_weeks, week_key));

      if (!g_hash_table_contains (ctx->client_days, day_key) && visits < spec->per_week)
        {
          g_hash_table_add (ctx->client_days, g_steal_pointer (&day_key));
          g_hash_table_insert (ctx->client_weeks, g_steal_pointer (&week_key), GUINT_TO_POINTER (visits + 1));
          return client;
        }
    }

  return NULL;
}

/* pick_client_for_day(), or @fallback when everyone has come that day */
static const ClientSpec *
first_free_client (DemoContext              *ctx,
                   const CalbookSandboxUser *host,
                   GDateTime                *day,
                   const ClientSpec         *fallback)
{
  const ClientSpec *client = pick_client_for_day (ctx, host, day);

  return client != NULL ? client : fallback;
}

static const char *
pick_notes (DemoContext     *ctx,
            const StaffSpec *spec)
{
  switch (spec->practice)
    {
    case PRACTICE_PHYSIO:
      return physio_notes[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (physio_notes))];
    case PRACTICE_THERAPY:
      return therapy_notes[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (therapy_notes))];
    case PRACTICE_NUTRITION:
      return nutrition_notes[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (nutrition_notes))];
    case PRACTICE_COACHING:
      return coaching_notes[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (coaching_notes))];
    case PRACTICE_SPEECH:
    default:
      return speech_notes[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (speech_notes))];
    }
}

static GArray *
taken_of (DemoContext              *ctx,
          const CalbookSandboxUser *user)
{
  GArray *taken = g_hash_table_lookup (ctx->taken, &user->id);

  if (taken == NULL)
    {
      taken = g_array_new (FALSE, FALSE, sizeof (Interval));
      g_hash_table_insert (ctx->taken, (gpointer) &user->id, taken);
    }

  return taken;
}

static gboolean
is_free (DemoContext              *ctx,
         const CalbookSandboxUser *user,
         gint64                    start_ms,
         gint64                    end_ms)
{
  GArray *taken = taken_of (ctx, user);

  for (guint i = 0; i < taken->len; i++)
    {
      const Interval *interval = &g_array_index (taken, Interval, i);

      if (start_ms < interval->end_ms && interval->start_ms < end_ms)
        return FALSE;
    }

  return TRUE;
}

static void
take (DemoContext              *ctx,
      const CalbookSandboxUser *user,
      gint64                    start_ms,
      gint64                    end_ms)
{
  Interval interval = { start_ms, end_ms };

  g_array_append_val (taken_of (ctx, user), interval);
}

/* Inserts @b; a cancelled booking does not hold its time */
static void
insert (DemoContext       *ctx,
        const DemoBooking *b)
{
  CalbookSandboxBookingInsert row = { 0 };
  g_autofree char *uid = b->uid != NULL ? g_strdup (b->uid) : calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
  g_autofree char *ics_uid = g_strdup_printf ("%s@Cal.com", uid);
  g_autofree char *title = NULL;
  g_autofree char *responses = NULL;
  const char *attendee_name = b->colleague != NULL ? b->colleague->name : b->client->name;
  const char *attendee_email = b->colleague != NULL ? b->colleague->email : b->client->email;
  gint64 booking_id;

  title = g_strdup_printf ("%s between %s and %s", b->et->title, b->host->name, attendee_name);
  responses = calbook_sandbox_seed_make_responses (attendee_name, attendee_email, b->notes, b->guest_email);

  row.uid = uid;
  row.title = title;
  row.description = b->notes;
  row.organizer_id = b->host->id;
  row.event_type_id = b->et->id;
  row.status = b->status;
  row.start_ms = b->start_ms;
  row.end_ms = b->start_ms + (gint64) b->length * MINUTE_MS;
  row.created_ms = b->created_ms != 0 ? b->created_ms
                                      : MIN (b->start_ms, ctx->now_ms) -
                                        HOUR_MS * g_rand_int_range (ctx->rand, 20, 24 * 12);
  row.updated_ms = b->updated_ms != 0 ? b->updated_ms : row.created_ms;
  row.location = b->et->location_value;
  row.cancellation_reason = b->cancellation_reason;
  if (b->cancellation_reason != NULL)
    row.cancelled_by_email = attendee_email;
  row.recurring_event_id = b->recurring_event_id;
  row.rescheduled_from_uid = b->rescheduled_from_uid;
  row.rescheduled_to_uid = b->rescheduled_to_uid;
  row.rescheduled = b->rescheduled_to_uid != NULL;
  row.rescheduling_reason = b->rescheduling_reason;
  row.rescheduled_by_email = b->rescheduled_by;
  row.responses = responses;
  row.ics_uid = ics_uid;

  booking_id = calbook_sandbox_db_insert_booking (ctx->db, &row);
  if (booking_id == 0)
    return;

  if (b->colleague != NULL)
    calbook_sandbox_db_insert_attendee (ctx->db, booking_id, b->colleague->name, b->colleague->email,
                                        b->colleague->time_zone, "en", NULL, FALSE, FALSE);
  else
    calbook_sandbox_db_insert_attendee (ctx->db, booking_id, b->client->name, b->client->email,
                                        b->client->time_zone, b->client->language, NULL,
                                        b->client_absent, FALSE);
  if (b->guest_email != NULL)
    calbook_sandbox_db_insert_attendee (ctx->db, booking_id, "", b->guest_email, b->client->time_zone,
                                        b->client->language, NULL, FALSE, TRUE);

  if (!g_str_equal (b->status, "cancelled") && !g_str_equal (b->status, "rejected"))
    take (ctx, b->host, row.start_ms, row.end_ms);
}

/* Days the practice is closed: the holidays on fixed dates, Christmas Eve
 * and New Year's Eve included */
static gboolean
is_holiday (GDateTime *day)
{
  static const struct { int month; int day; } closed[] = {
    { 1, 1 }, { 5, 1 }, { 10, 3 }, { 12, 24 }, { 12, 25 }, { 12, 26 }, { 12, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    if (g_date_time_get_month (day) == closed[i].month && g_date_time_get_day_of_month (day) == closed[i].day)
      return TRUE;

  return FALSE;
}

static gboolean
is_working_day (GDateTime *day)
{
  return g_date_time_get_day_of_week (day) <= 5 && !is_holiday (day);
}

/* A working day at or after @offset days from today, in @user's zone */
static GDateTime *
weekday (DemoContext              *ctx,
         const CalbookSandboxUser *user,
         int                       offset)
{
  GDateTime *day = calbook_sandbox_seed_local_day (ctx->now_ms, user->time_zone, offset);

  while (!is_working_day (day))
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }

  return day;
}

static void
fill_defaults (DemoContext              *ctx,
               DemoBooking              *b,
               const CalbookSandboxUser *host,
               const char               *slug)
{
  const StaffSpec *spec = spec_of (host);

  *b = (DemoBooking) { 0 };
  b->host = host;
  b->et = find_event_type (ctx, host, slug);
  g_assert (b->et != NULL);
  b->length = b->et->length;
  b->client = pick_client (ctx, host);
  b->notes = pick_notes (ctx, spec);
  b->status = "accepted";
}

/* A weekly series made in one request: its occurrences share one stamp */
static void
add_series (DemoContext              *ctx,
            const CalbookSandboxUser *host,
            const char               *slug,
            int                       first_offset,
            int                       minutes)
{
  g_autofree char *series_uid = calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
  DemoBooking b = { 0 };

  fill_defaults (ctx, &b, host, slug);
  b.recurring_event_id = series_uid;
  b.notes = "";
  for (guint i = 0; i < b.et->recurrence_count; i++)
    {
      g_autoptr(GDateTime) day = weekday (ctx, host, first_offset + 7 * (int) i);

      b.start_ms = calbook_sandbox_seed_local_time_ms (day, minutes);
      if (i == 0)
        {
          b.created_ms = b.start_ms - 5 * DAY_MS;
          b.updated_ms = b.created_ms;
        }
      insert (ctx, &b);
    }
}

/* The set pieces every demo shows: a pending request, a reschedule with its
 * reason, a cancellation with its reason and a no-show, on the admin's and
 * the first staff member's calendars, near today */
static void
add_set_pieces (DemoContext              *ctx,
                const CalbookSandboxUser *admin,
                const CalbookSandboxUser *member)
{
  const CalbookSandboxUser *users[] = { admin, member };

  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    {
      const CalbookSandboxUser *host = users[u];
      g_autoptr(GDateTime) yesterday = weekday (ctx, host, -1);
      g_autoptr(GDateTime) tomorrow = weekday (ctx, host, 1);
      g_autoptr(GDateTime) in_two = weekday (ctx, host, 2);
      g_autoptr(GDateTime) in_three = weekday (ctx, host, 3);
      g_autoptr(GDateTime) next_week = weekday (ctx, host, 6);
      g_autofree char *old_uid = calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
      g_autofree char *new_uid = calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
      DemoBooking b = { 0 };

      /* Two requests waiting for confirmation */
      fill_defaults (ctx, &b, host, "initial-assessment");
      b.client = first_free_client (ctx, host, in_two, b.client);
      b.status = "pending";
      b.start_ms = calbook_sandbox_seed_local_time_ms (in_two, 9 * 60);
      b.notes = "Referral from Dr. Schmidt for six sessions of manual therapy.";
      insert (ctx, &b);
      fill_defaults (ctx, &b, host, "initial-assessment");
      b.client = first_free_client (ctx, host, next_week, b.client);
      b.status = "pending";
      b.start_ms = calbook_sandbox_seed_local_time_ms (next_week, 14 * 60);
      insert (ctx, &b);

      /* Moved from tomorrow morning to the day after, at the client's wish */
      fill_defaults (ctx, &b, host, "physiotherapy");
      b.client = first_free_client (ctx, host, in_three, b.client);
      b.uid = old_uid;
      b.status = "cancelled";
      b.start_ms = calbook_sandbox_seed_local_time_ms (tomorrow, 9 * 60);
      b.rescheduled_to_uid = new_uid;
      b.rescheduling_reason = "Train strike tomorrow — could we do Thursday instead?";
      b.rescheduled_by = b.client->email;
      b.created_ms = ctx->now_ms - 9 * DAY_MS;
      b.updated_ms = ctx->now_ms - 2 * HOUR_MS;
      insert (ctx, &b);
      b.uid = new_uid;
      b.status = "accepted";
      b.created_ms = b.updated_ms;
      b.start_ms = calbook_sandbox_seed_local_time_ms (in_three, 10 * 60);
      b.rescheduled_to_uid = NULL;
      b.rescheduled_from_uid = old_uid;
      insert (ctx, &b);

      /* Cancelled by the client, with a reason */
      fill_defaults (ctx, &b, host, "physiotherapy");
      b.status = "cancelled";
      b.start_ms = calbook_sandbox_seed_local_time_ms (tomorrow, 15 * 60);
      b.cancellation_reason = cancellation_reasons[0];
      b.created_ms = ctx->now_ms - 6 * DAY_MS;
      b.updated_ms = ctx->now_ms - 5 * HOUR_MS;
      insert (ctx, &b);

      /* Did not come yesterday */
      fill_defaults (ctx, &b, host, "physiotherapy");
      b.client = first_free_client (ctx, host, yesterday, b.client);
      b.start_ms = calbook_sandbox_seed_local_time_ms (yesterday, 11 * 60);
      b.client_absent = TRUE;
      b.notes = "";
      insert (ctx, &b);
    }
}

static const char *
pick_slug (DemoContext *ctx,
           GPtrArray   *own)
{
  /* Mostly the main event type; the others now and then; never a
   * recurring one (series are placed on their own) */
  for (guint tries = 0; tries < 8; tries++)
    {
      const CalbookSandboxEventType *et;
      guint index = g_rand_double (ctx->rand) < 0.6 ? 0 : (guint) g_rand_int_range (ctx->rand, 0, (gint32) own->len);

      et = g_ptr_array_index (own, index);
      if (et->recurrence_count == 0)
        return et->slug;
    }

  return ((const CalbookSandboxEventType *) g_ptr_array_index (own, 0))->slug;
}

/* The ordinary days: each host's working hours filled to its usual share */
static void
fill_days (DemoContext              *ctx,
           const CalbookSandboxUser *host)
{
  const StaffSpec *spec = spec_of (host);
  g_autoptr(GPtrArray) own = event_types_of (ctx, host);
  g_autoptr(GDateTime) first = calbook_sandbox_seed_local_day (ctx->now_ms, host->time_zone, FIRST_DAY);
  /* History begins on a Monday, not in the middle of a week */
  int first_day = FIRST_DAY - (g_date_time_get_day_of_week (first) - 1);

  for (int d = first_day; d <= LAST_DAY; d++)
    {
      g_autoptr(GDateTime) day = calbook_sandbox_seed_local_day (ctx->now_ms, host->time_zone, d);
      int minutes = DAY_START;
      double busy = spec->busy;

      if (!is_working_day (day))
        continue;
      /* Further ahead, fewer have booked yet */
      if (d > FULL_DAYS)
        busy *= pow (1.0 - (double) (d - FULL_DAYS) / (LAST_DAY - FULL_DAYS + 1), 1.5);
      /* Part-time: the owner sees clients Monday to Thursday */
      if (g_str_equal (spec->role, "OWNER") && g_date_time_get_day_of_week (day) == 5)
        continue;

      while (minutes < DAY_END)
        {
          DemoBooking b = { 0 };
          gint64 start_ms;
          gint64 end_ms;
          gboolean past;

          if (minutes >= LUNCH_START && minutes < LUNCH_END)
            {
              minutes = LUNCH_END;
              continue;
            }
          if (g_rand_double (ctx->rand) > busy)
            {
              minutes += 30;
              continue;
            }

          fill_defaults (ctx, &b, host, pick_slug (ctx, own));
          b.client = pick_client_for_day (ctx, host, day);
          if (b.client == NULL)
            break;
          if (b.et->length_options->len > 0)
            b.length = g_array_index (b.et->length_options, guint,
                                      g_rand_int_range (ctx->rand, 0, (gint32) b.et->length_options->len));
          start_ms = calbook_sandbox_seed_local_time_ms (day, minutes);
          end_ms = start_ms + (gint64) b.length * MINUTE_MS;
          if (minutes + (int) b.length > DAY_END ||
              (minutes < LUNCH_START && minutes + (int) b.length > LUNCH_START) ||
              !is_free (ctx, host, start_ms, end_ms))
            {
              minutes += 30;
              continue;
            }

          b.start_ms = start_ms;
          past = end_ms < ctx->now_ms;
          /* Requests are answered within days: only the near ones wait */
          if (b.et->requires_confirmation && !past && start_ms < ctx->now_ms + 10 * DAY_MS &&
              g_rand_double (ctx->rand) < 0.2)
            b.status = "pending";
          else if (g_rand_double (ctx->rand) < 0.05)
            {
              b.status = "cancelled";
              b.cancellation_reason = cancellation_reasons[g_rand_int_range (ctx->rand, 0,
                                                                             G_N_ELEMENTS (cancellation_reasons))];
              b.updated_ms = MIN (start_ms, ctx->now_ms) - HOUR_MS * g_rand_int_range (ctx->rand, 2, 48);
              b.created_ms = b.updated_ms - DAY_MS * g_rand_int_range (ctx->rand, 2, 10);
            }
          else if (past && g_rand_double (ctx->rand) < 0.04)
            b.client_absent = TRUE;

          /* A parent joins the speech therapist's sessions now and then */
          if (spec->practice == PRACTICE_SPEECH && g_rand_double (ctx->rand) < 0.3)
            b.guest_email = "parent.of.client@gmail.example";

          insert (ctx, &b);
          /* In-person sessions leave time to air the room */
          minutes += (int) b.length + (g_str_equal (b.et->location_type, "address") ? 15 : 0);
          minutes = (minutes + 14) / 15 * 15;
        }
    }
}

/* A weekly case review among the therapists, booked by the owner */
static void
add_team_meetings (DemoContext              *ctx,
                   const CalbookSandboxUser *owner,
                   const CalbookSandboxUser *colleague)
{
  for (int week = FIRST_DAY / 7; week <= LAST_DAY / 7; week++)
    {
      g_autoptr(GDateTime) day = weekday (ctx, owner, 7 * week);
      g_autoptr(GDateTime) monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
      DemoBooking b = { 0 };
      gint64 start_ms = calbook_sandbox_seed_local_time_ms (monday, 9 * 60);

      fill_defaults (ctx, &b, owner, "online-session");
      b.colleague = colleague;
      b.notes = "Weekly case review.";
      b.start_ms = start_ms;
      if (is_free (ctx, owner, start_ms, start_ms + (gint64) b.length * MINUTE_MS))
        insert (ctx, &b);
    }
}

/* Public API */

/**
 * calbook_sandbox_demo_data_populate:
 * @now_ms: "today": the weeks around it get their bookings
 *
 * Fills an empty database with the curated demo practice. The same seed
 * and day give the same data.
 */
gboolean
calbook_sandbox_demo_data_populate (CalbookSandboxDb  *db,
                                    guint64            seed,
                                    gint64             now_ms,
                                    GError           **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) client_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) client_weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) caseloads = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) used_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint32 seed_words[3] = { (guint32) (seed & 0xffffffff), (guint32) (seed >> 32), 0xde30 };
  GPtrArray *users;
  DemoContext ctx;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (db), FALSE);

  ctx.db = db;
  ctx.rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));
  ctx.now_ms = now_ms;
  ctx.taken = taken;
  ctx.client_days = client_days;
  ctx.client_weeks = client_weeks;
  ctx.caseloads = caseloads;

  if (!calbook_sandbox_db_exec (db, "BEGIN", error))
    {
      g_rand_free (ctx.rand);
      return FALSE;
    }

  add_staff (db, seed);
  users = calbook_sandbox_db_get_users (db);
  for (guint i = 0; i < users->len; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (users, i);
      const StaffSpec *spec = spec_of (user);
      CalbookSandboxDemoRegion region = spec->practice == PRACTICE_NUTRITION ? CALBOOK_SANDBOX_DEMO_REGION_VIENNA
                                        : spec->practice == PRACTICE_COACHING ? CALBOOK_SANDBOX_DEMO_REGION_ONLINE
                                        : CALBOOK_SANDBOX_DEMO_REGION_BERLIN;

      g_hash_table_insert (caseloads, (gpointer) &user->id,
                           calbook_sandbox_demo_clients_new_caseload (ctx.rand, region, spec->caseload,
                                                                      used_names));
    }

  /* Fixed pieces first, so the ordinary days fill in around them */
  add_set_pieces (&ctx, g_ptr_array_index (users, 1), g_ptr_array_index (users, 2));
  add_series (&ctx, g_ptr_array_index (users, 1), "back-fit", -15, 16 * 60);
  add_series (&ctx, g_ptr_array_index (users, 5), "weekly-coaching", -8, 11 * 60);
  add_team_meetings (&ctx, g_ptr_array_index (users, 0), g_ptr_array_index (users, 3));
  for (guint i = 0; i < users->len; i++)
    fill_days (&ctx, g_ptr_array_index (users, i));

  g_rand_free (ctx.rand);
  return calbook_sandbox_db_exec (db, "COMMIT", error);
}
