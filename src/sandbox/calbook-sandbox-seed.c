/* calbook-sandbox-seed.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "calbook-sandbox-seed.h"

#define DAY_MS ((gint64) 24 * 3600 * 1000)
#define HOUR_MS ((gint64) 3600 * 1000)
#define MINUTE_MS ((gint64) 60 * 1000)

typedef struct
{
  const char *username;
  const char *name;
  const char *role;
  const char *time_zone;
  const char *address;
  const char *phone;
} MemberSpec;

/* The organization: an owner, an admin and staff; names that exercise
 * non-ASCII text in every view. */
static const MemberSpec members[] = {
  { "max.mueller", "Max Müller", "OWNER", "Europe/Berlin", "Hauptstraße 12, 10115 Berlin", "+49 30 1234567" },
  { "sofia.rossi", "Sofia Rossi", "ADMIN", "Europe/Rome", "Via Garibaldi 7, 00153 Roma", "+39 06 7654321" },
  { "zoe.odegaard", "Zoë Ødegaard", "MEMBER", "Europe/Oslo", "Storgata 3, 0155 Oslo", "+47 22 123456" },
  { "jose.nunez", "José Núñez", "MEMBER", "America/Mexico_City", "Av. Reforma 222, CDMX", "+52 55 1234 5678" },
  { "aiko.tanaka", "Aiko Tanaka", "MEMBER", "Asia/Tokyo", "1-2-3 Shibuya, Tokyo", "+81 3 1234 5678" },
  { "liam.obrien", "Liam O'Brien", "MEMBER", "Europe/Dublin", "12 Grafton Street, Dublin 2", "+353 1 234 5678" },
  { "chloe.dubois", "Chloé Dubois", "MEMBER", "Europe/Paris", "8 rue de Rivoli, 75004 Paris", "+33 1 23 45 67 89" },
};

typedef CalbookSandboxClientSpec ClientSpec;

static const ClientSpec clients[] = {
  { "Anna Schmidt", "anna.schmidt@example.com", "Europe/Berlin", "de" },
  { "Björn Andersson", "bjorn.andersson@example.se", "Europe/Stockholm", "sv" },
  { "Camille Lefèvre", "camille.lefevre@example.fr", "Europe/Paris", "fr" },
  { "Dmitri Ivanov", "dmitri.ivanov@example.org", "Europe/Helsinki", "en" },
  { "Élodie Martin", "elodie.martin@example.fr", "Europe/Paris", "fr" },
  { "Fatima Al-Sayed", "fatima.alsayed@example.com", "Asia/Dubai", "ar" },
  { "Gustavo Pereira", "gustavo.pereira@example.com.br", "America/Sao_Paulo", "pt-BR" },
  { "Hanna Kowalska", "hanna.kowalska@example.pl", "Europe/Warsaw", "pl" },
  { "Ingrid Johansen", "ingrid.johansen@example.no", "Europe/Oslo", "no" },
  { "Jürgen Weiß", "juergen.weiss@example.de", "Europe/Berlin", "de" },
  { "Kenji Watanabe", "kenji.watanabe@example.jp", "Asia/Tokyo", "ja" },
  { "Laura García", "laura.garcia@example.es", "Europe/Madrid", "es" },
  { "Mia Hoffmann", "mia.hoffmann@example.at", "Europe/Vienna", "de" },
  { "Nils Ødegård", "nils.odegard@example.no", "Europe/Oslo", "no" },
  { "Olga Petrova", "olga.petrova@example.com", "Europe/Sofia", "bg" },
  { "Pierre Durand", "pierre.durand@example.fr", "Europe/Paris", "fr" },
  { "Rosa Jiménez", "rosa.jimenez@example.mx", "America/Mexico_City", "es" },
  { "Sven Larsson", "sven.larsson@example.se", "Europe/Stockholm", "sv" },
  { "Tomás Ó Briain", "tomas.obriain@example.ie", "Europe/Dublin", "en" },
  { "Ulrike Bauer", "ulrike.bauer@example.de", "Europe/Berlin", "de" },
  { "Valentina Bianchi", "valentina.bianchi@example.it", "Europe/Rome", "it" },
  { "Wei Zhang", "wei.zhang@example.cn", "Asia/Shanghai", "zh-CN" },
  { "Yusuf Demir", "yusuf.demir@example.com.tr", "Europe/Istanbul", "tr" },
  { "Zofia Nowak", "zofia.nowak@example.pl", "Europe/Warsaw", "pl" },
};

static const char *descriptions[] = {
  "",
  "",
  "Follow-up on the treatment plan.",
  "First visit. Please bring your insurance card and any previous reports.",
  "Client wrote: <b>bold</b> & <i>italic</i> — please don't render this as markup. <script>alert('x')</script>",
  "Quarterly review of the account.\n\nAgenda:\n1. What went well\n2. What did not\n3. Next steps\n\n"
  "The client asked us to prepare the figures for the last three months in advance, including the "
  "cancelled sessions and the no-shows, and to send the summary by e-mail at least a day before the "
  "meeting so that their accountant can have a look. They also mentioned that parking near the office "
  "has become difficult, so the meeting may start a few minutes late; please keep the next slot free "
  "just in case. Remember to ask about the new contract terms (§ 4.2 and § 7) and about the invoice "
  "that was sent twice in March.",
  "Needs an interpreter (Español ↔ Deutsch).",
  "Notes with \"quotes\", 'apostrophes', a tab\tand an emoji 🙂.",
};

static const char *cancellation_reasons[] = {
  "Client is ill",
  "Scheduling conflict on our side",
  "Client found another provider",
  "Double booking <urgent> & needs a call back",
  "Weather: office closed",
};

static const char *rejection_reasons[] = {
  "We are fully booked that week",
  "Please book the standard consultation first",
};

typedef struct
{
  CalbookSandboxDb *db;
  GRand            *rand;
  gint64            now_ms;
  GHashTable       *busy_days;   /* "user-id:day" of series, kept free of other bookings */
  GHashTable       *responses;   /* "client:notes" → bookingFieldsResponses JSON without guests */
} SeedContext;

/* Auxiliary methods */

/* The API key of @username for @seed: cal_test_ and 32 hex digits */
char *
calbook_sandbox_seed_make_api_key (guint64     seed,
                                   const char *username)
{
  g_autofree char *input = g_strdup_printf ("calbook-sandbox:%" G_GUINT64_FORMAT ":%s", seed, username);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);

  return g_strdup_printf ("cal_test_%.32s", digest);
}

static char *
make_locations_json (const char *type,
                     const char *member,
                     const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
  if (!g_str_equal (type, "integration"))
    {
      json_builder_set_member_name (builder, "public");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
calbook_sandbox_seed_add_event_type (CalbookSandboxDb *db,
                                     gint64            id,
                                     gint64            owner_id,
                                     const char       *title,
                                     const char       *slug,
                                     const char       *description,
                                     guint             length,
                                     const char       *location_type,
                                     const char       *location_member,
                                     const char       *location_value,
                                     const char       *booking_location,
                                     gboolean          requires_confirmation,
                                     guint             recurrence_count,
                                     const guint      *options,
                                     guint             n_options)
{
  CalbookSandboxEventType *et = g_new0 (CalbookSandboxEventType, 1);

  et->id = id;
  et->owner_id = owner_id;
  et->title = g_strdup (title);
  et->slug = g_strdup (slug);
  et->description = g_strdup (description);
  et->length = length;
  et->length_options = g_array_new (FALSE, FALSE, sizeof (guint));
  if (options != NULL)
    g_array_append_vals (et->length_options, options, n_options);
  et->location_type = g_strdup (location_type);
  et->location_value = g_strdup (booking_location);
  et->locations_json = make_locations_json (location_type, location_member, location_value);
  et->requires_confirmation = requires_confirmation;
  et->recurrence_count = recurrence_count;
  /* Cal.com's default notice: two hours */
  et->minimum_notice = 120;
  calbook_sandbox_db_add_event_type (db, et);
}

static void
add_members (CalbookSandboxDb *db,
             guint64           seed)
{
  static const guint phone_lengths[] = { 15, 30, 45 };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      CalbookSandboxUser *user = g_new0 (CalbookSandboxUser, 1);
      gint64 base = 1000 + 10 * (gint64) i;
      g_autofree char *link = NULL;

      user->id = 101 + (gint64) i;
      user->username = g_strdup (members[i].username);
      user->name = g_strdup (members[i].name);
      user->email = g_strdup_printf ("%s@northwind-clinic.example", members[i].username);
      user->role = g_strdup (members[i].role);
      user->api_key = calbook_sandbox_seed_make_api_key (seed, members[i].username);
      user->time_zone = g_strdup (members[i].time_zone);
      user->membership_id = 501 + (gint64) i;
      calbook_sandbox_db_add_user (db, user);

      link = g_strdup_printf ("https://meet.example.com/%s", members[i].username);
      calbook_sandbox_seed_add_event_type (db, base + 1, user->id, "30 Minute Meeting", "30min",
                      "A quick video meeting.", 30, "link", "link", link, link,
                      FALSE, 0, NULL, 0);
      calbook_sandbox_seed_add_event_type (db, base + 2, user->id, "Initial Consultation", "consultation",
                      "A first consultation at the office; requests are confirmed by the host.",
                      60, "address", "address", members[i].address, members[i].address,
                      TRUE, 0, NULL, 0);
      calbook_sandbox_seed_add_event_type (db, base + 3, user->id, "Phone Call", "phone-call",
                      "We call you.", 15, "phone", "phone", members[i].phone, members[i].phone,
                      FALSE, 0, phone_lengths, G_N_ELEMENTS (phone_lengths));
      if (i == 1 || i == 2)
        calbook_sandbox_seed_add_event_type (db, base + 4, user->id, "Weekly Coaching", "weekly-coaching",
                        "Six weekly sessions.", 45, "integration", "integration", "cal-video",
                        "integrations:daily", FALSE, 6, NULL, 0);
    }
}

/* Midnight of @day_offset days from "today", in the user's time zone. */
GDateTime *
calbook_sandbox_seed_local_day (gint64      now_ms,
                                const char *time_zone,
                                int         day_offset)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (time_zone);
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (now_ms / 1000);
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GDateTime) midnight = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now_local = g_date_time_to_timezone (now_utc, tz);
  midnight = g_date_time_new (tz,
                              g_date_time_get_year (now_local),
                              g_date_time_get_month (now_local),
                              g_date_time_get_day_of_month (now_local),
                              0, 0, 0);
  return g_date_time_add_days (midnight, day_offset);
}

/* @minutes after midnight of @day, in @day's zone, in Unix ms */
gint64
calbook_sandbox_seed_local_time_ms (GDateTime *day,
                                    int        minutes)
{
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new (g_date_time_get_timezone (day),
                        g_date_time_get_year (day),
                        g_date_time_get_month (day),
                        g_date_time_get_day_of_month (day),
                        minutes / 60, minutes % 60, 0);
  return g_date_time_to_unix (dt) * 1000;
}

/* bookingFieldsResponses as the booking page stores them */
char *
calbook_sandbox_seed_make_responses (const char *name,
                                     const char *email,
                                     const char *notes,
                                     const char *guest_email)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  if (notes != NULL && *notes != '\0')
    {
      json_builder_set_member_name (builder, "notes");
      json_builder_add_string_value (builder, notes);
    }
  json_builder_set_member_name (builder, "guests");
  json_builder_begin_array (builder);
  if (guest_email != NULL)
    json_builder_add_string_value (builder, guest_email);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static const CalbookSandboxEventType *
pick_event_type (SeedContext              *ctx,
                 const CalbookSandboxUser *user,
                 gboolean                  allow_recurring)
{
  GPtrArray *event_types = calbook_sandbox_db_get_event_types (ctx->db);
  const CalbookSandboxEventType *candidates[8];
  guint n = 0;

  for (guint i = 0; i < event_types->len && n < G_N_ELEMENTS (candidates); i++)
    {
      const CalbookSandboxEventType *et = g_ptr_array_index (event_types, i);

      if (et->owner_id == user->id && (allow_recurring || et->recurrence_count == 0))
        candidates[n++] = et;
    }

  g_assert (n > 0);
  return candidates[g_rand_int_range (ctx->rand, 0, (gint32) n)];
}

typedef struct
{
  const CalbookSandboxUser      *user;
  const CalbookSandboxEventType *et;
  gint64                         start_ms;
  guint                          length;
  const char                    *status;
  const char                    *uid;
  const char                    *recurring_event_id;
  const char                    *rescheduled_from_uid;
  const char                    *rescheduled_to_uid;
  gboolean                       rescheduled;
  gboolean                       no_show;
} BookingPlan;

static void
insert_planned (SeedContext       *ctx,
                const BookingPlan *plan)
{
  CalbookSandboxBookingInsert b = { 0 };
  const ClientSpec *client;
  const CalbookSandboxUser *member_attendee = NULL;
  const char *notes;
  const char *guest_email = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *responses = NULL;
  g_autofree char *ics_uid = NULL;
  g_autofree char *metadata = NULL;
  gint64 booking_id;
  gint64 latest;
  gint64 lead;

  client = &clients[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (clients))];
  notes = descriptions[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (descriptions))];

  /* Some meetings are between colleagues: another member is the attendee,
   * which puts the booking in that member's list too. */
  if (g_rand_double (ctx->rand) < 0.08)
    {
      GPtrArray *users = calbook_sandbox_db_get_users (ctx->db);

      member_attendee = g_ptr_array_index (users, g_rand_int_range (ctx->rand, 0, (gint32) users->len));
      if (member_attendee == plan->user)
        member_attendee = NULL;
    }
  if (g_rand_double (ctx->rand) < 0.15)
    guest_email = clients[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (clients))].email;
  if (g_strcmp0 (guest_email, client->email) == 0)
    guest_email = NULL;

  uid = plan->uid != NULL ? g_strdup (plan->uid) : calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
  title = g_strdup_printf ("%s between %s and %s", plan->et->title, plan->user->name,
                           member_attendee != NULL ? member_attendee->name : client->name);
  if (guest_email != NULL)
    responses = calbook_sandbox_seed_make_responses (client->name, client->email, notes, guest_email);
  else
    {
      /* Most bookings share one of a few hundred texts; building each
       * with json-glib would dominate seeding 100,000 bookings */
      g_autofree char *key = g_strdup_printf ("%p:%p", (gpointer) client, (gpointer) notes);
      const char *cached = g_hash_table_lookup (ctx->responses, key);

      if (cached == NULL)
        {
          cached = calbook_sandbox_seed_make_responses (client->name, client->email, notes, NULL);
          g_hash_table_insert (ctx->responses, g_steal_pointer (&key), (gpointer) cached);
        }
      responses = g_strdup (cached);
    }
  ics_uid = g_strdup_printf ("%s@Cal.com", uid);

  b.uid = uid;
  b.title = title;
  b.description = notes;
  b.organizer_id = plan->user->id;
  b.event_type_id = plan->et->id;
  b.status = plan->status;
  b.start_ms = plan->start_ms;
  b.end_ms = plan->start_ms + (gint64) plan->length * MINUTE_MS;
  lead = (gint64) g_rand_int_range (ctx->rand, 1, 21 * 24) * HOUR_MS;
  b.created_ms = MIN (b.start_ms, ctx->now_ms) - lead;
  latest = MIN (ctx->now_ms, MAX (b.created_ms + 1, b.start_ms));
  b.updated_ms = b.created_ms + (gint64) (g_rand_double (ctx->rand) * (double) (latest - b.created_ms));
  b.location = plan->et->location_value;
  b.recurring_event_id = plan->recurring_event_id;
  b.rescheduled_from_uid = plan->rescheduled_from_uid;
  b.rescheduled_to_uid = plan->rescheduled_to_uid;
  b.rescheduled = plan->rescheduled;
  b.responses = responses;
  b.ics_uid = ics_uid;

  if (g_str_equal (plan->status, "cancelled"))
    {
      if (plan->rescheduled)
        {
          b.rescheduling_reason = "The client asked for another time";
          b.rescheduled_by_email = g_rand_boolean (ctx->rand) ? plan->user->email : client->email;
        }
      else
        {
          b.cancellation_reason = cancellation_reasons[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (cancellation_reasons))];
          b.cancelled_by_email = g_rand_boolean (ctx->rand) ? plan->user->email : client->email;
        }
    }
  else if (g_str_equal (plan->status, "rejected"))
    b.rejection_reason = rejection_reasons[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (rejection_reasons))];

  if (plan->rescheduled_from_uid != NULL)
    {
      b.rescheduling_reason = "The client asked for another time";
      b.rescheduled_by_email = plan->user->email;
    }

  if (plan->no_show && g_rand_boolean (ctx->rand))
    b.absent_host = TRUE;

  if (b.end_ms < ctx->now_ms && g_str_equal (plan->status, "accepted") && g_rand_double (ctx->rand) < 0.2)
    b.rating = g_rand_int_range (ctx->rand, 3, 6);

  if (g_rand_double (ctx->rand) < 0.1)
    {
      metadata = g_strdup_printf ("{\"source\":\"phone\",\"ticket\":\"T-%u\"}", g_rand_int_range (ctx->rand, 1000, 9999));
      b.metadata = metadata;
    }

  booking_id = calbook_sandbox_db_insert_booking (ctx->db, &b);
  if (booking_id == 0)
    return;

  if (member_attendee != NULL)
    calbook_sandbox_db_insert_attendee (ctx->db, booking_id, member_attendee->name, member_attendee->email,
                                        member_attendee->time_zone, "en", NULL,
                                        plan->no_show && !b.absent_host, FALSE);
  else
    calbook_sandbox_db_insert_attendee (ctx->db, booking_id, client->name, client->email,
                                        client->time_zone, client->language,
                                        g_rand_double (ctx->rand) < 0.3 ? "+49 170 5550123" : NULL,
                                        plan->no_show && !b.absent_host, FALSE);
  if (guest_email != NULL)
    calbook_sandbox_db_insert_attendee (ctx->db, booking_id, "", guest_email, client->time_zone,
                                        "en", NULL, FALSE, TRUE);
}

static const char *
pick_status (SeedContext                   *ctx,
             const CalbookSandboxEventType *et,
             gboolean                       past,
             gboolean                      *no_show)
{
  double r = g_rand_double (ctx->rand);

  *no_show = FALSE;
  if (et->requires_confirmation)
    {
      if (past)
        return r < 0.7 ? "accepted" : r < 0.8 ? "pending" : r < 0.9 ? "rejected" : "cancelled";
      return r < 0.55 ? "pending" : r < 0.8 ? "accepted" : r < 0.9 ? "rejected" : "cancelled";
    }

  if (past)
    {
      if (r < 0.1)
        return "cancelled";
      *no_show = r < 0.2;
      return "accepted";
    }

  return r < 0.85 ? "accepted" : "cancelled";
}

static void
seed_series (SeedContext              *ctx,
             const CalbookSandboxUser *user,
             int                       first_day,
             const char               *status,
             gboolean                  cancel_one)
{
  GPtrArray *event_types = calbook_sandbox_db_get_event_types (ctx->db);
  const CalbookSandboxEventType *et = NULL;
  g_autofree char *series_uid = NULL;

  for (guint i = 0; i < event_types->len; i++)
    {
      const CalbookSandboxEventType *candidate = g_ptr_array_index (event_types, i);

      if (candidate->owner_id == user->id && candidate->recurrence_count > 0)
        et = candidate;
    }
  if (et == NULL)
    return;

  series_uid = calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
  for (guint i = 0; i < et->recurrence_count; i++)
    {
      g_autoptr(GDateTime) day = NULL;
      int offset = first_day + 7 * (int) i;
      BookingPlan plan = { 0 };

      day = calbook_sandbox_seed_local_day (ctx->now_ms, user->time_zone, offset);
      /* Weekends are closed: move the whole series to a weekday */
      while (g_date_time_get_day_of_week (day) > 5)
        {
          GDateTime *next = g_date_time_add_days (day, 1);

          g_date_time_unref (day);
          day = next;
          offset++;
        }
      g_hash_table_add (ctx->busy_days, g_strdup_printf ("%" G_GINT64_FORMAT ":%d", user->id, offset));

      plan.user = user;
      plan.et = et;
      plan.length = et->length;
      plan.start_ms = calbook_sandbox_seed_local_time_ms (day, 10 * 60);
      plan.status = (cancel_one && i == 3) ? "cancelled" : status;
      plan.recurring_event_id = series_uid;
      insert_planned (ctx, &plan);
    }

  /* Made (or confirmed) by one statement: the occurrences share one
   * updatedAt, except one cancelled on its own later */
  {
    sqlite3_stmt *stmt = calbook_sandbox_db_prepare (ctx->db,
                                                     "UPDATE bookings SET updated_ms = (SELECT MIN(updated_ms) FROM bookings"
                                                     " WHERE recurring_event_id = ?1 AND status != 'cancelled') WHERE recurring_event_id = ?1"
                                                     " AND status != 'cancelled'");

    sqlite3_bind_text (stmt, 1, series_uid, -1, SQLITE_TRANSIENT);
    sqlite3_step (stmt);
    sqlite3_reset (stmt);
  }
}

static void
seed_demo (SeedContext *ctx)
{
  GPtrArray *users = calbook_sandbox_db_get_users (ctx->db);

  /* A running series of the admin (accepted, one occurrence cancelled) and
   * a requested one of a member (pending recurrences are not "upcoming") */
  seed_series (ctx, g_ptr_array_index (users, 1), -22, "accepted", TRUE);
  seed_series (ctx, g_ptr_array_index (users, 2), 8, "pending", FALSE);

  for (guint u = 0; u < users->len; u++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (users, u);

      for (int d = -60; d <= 60; d++)
        {
          g_autoptr(GDateTime) day = calbook_sandbox_seed_local_day (ctx->now_ms, user->time_zone, d);
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d", user->id, d);
          g_autofree char *uid = NULL;
          g_autofree char *older_uid = NULL;
          g_autofree char *oldest_uid = NULL;
          BookingPlan plan = { 0 };
          gboolean no_show;
          guint slot;

          if (g_date_time_get_day_of_week (day) > 5 || g_hash_table_contains (ctx->busy_days, key))
            continue;
          if (g_rand_double (ctx->rand) > 0.42)
            continue;

          plan.user = user;
          plan.et = pick_event_type (ctx, user, FALSE);
          plan.length = plan.et->length;
          slot = (guint) g_rand_int_range (ctx->rand, 0, (gint32) ((480 - plan.length) / 30) + 1);
          plan.start_ms = calbook_sandbox_seed_local_time_ms (day, 9 * 60 + 30 * (int) slot);
          plan.status = pick_status (ctx, plan.et, plan.start_ms + plan.length * MINUTE_MS < ctx->now_ms, &no_show);
          plan.no_show = no_show;

          /* Reschedule chains: the booking moved here from an earlier day,
           * sometimes twice. The old halves are cancelled + rescheduled. */
          if (!g_str_equal (plan.status, "cancelled") && g_rand_double (ctx->rand) < 0.1)
            {
              BookingPlan old = plan;
              gboolean twice = g_rand_double (ctx->rand) < 0.3;

              uid = calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
              older_uid = calbook_sandbox_db_make_uid (ctx->db, ctx->rand);
              plan.uid = uid;
              plan.rescheduled_from_uid = older_uid;

              old.uid = older_uid;
              old.status = "cancelled";
              old.rescheduled = TRUE;
              old.rescheduled_to_uid = uid;
              old.no_show = FALSE;
              old.start_ms = plan.start_ms - DAY_MS * g_rand_int_range (ctx->rand, 1, 6) - HOUR_MS;
              if (twice)
                {
                  BookingPlan oldest = old;

                  oldest_uid = calbook_sandbox_db_make_uid (ctx->db, ctx->rand);

                  old.rescheduled_from_uid = oldest_uid;
                  oldest.uid = oldest_uid;
                  oldest.rescheduled_to_uid = older_uid;
                  oldest.rescheduled_from_uid = NULL;
                  oldest.start_ms = old.start_ms - DAY_MS * 2;
                  insert_planned (ctx, &oldest);
                }
              insert_planned (ctx, &old);
            }

          insert_planned (ctx, &plan);
        }
    }
}

/* A large, uniformly random set for load tests and property tests: every
 * status, recurring series, overlapping times. */
static void
seed_random (SeedContext *ctx,
             guint        n_bookings)
{
  static const char *statuses[] = { "accepted", "accepted", "accepted", "pending", "cancelled", "rejected" };
  GPtrArray *users = calbook_sandbox_db_get_users (ctx->db);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_free);
  guint n_series = MAX (2, n_bookings / 20);

  for (guint i = 0; i < n_series; i++)
    g_ptr_array_add (series, calbook_sandbox_db_make_uid (ctx->db, ctx->rand));

  for (guint i = 0; i < n_bookings; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (users, g_rand_int_range (ctx->rand, 0, (gint32) users->len));
      BookingPlan plan = { 0 };
      gint64 day_start = ctx->now_ms - ctx->now_ms % DAY_MS;

      plan.user = user;
      plan.et = pick_event_type (ctx, user, TRUE);
      plan.length = plan.et->length;
      /* Quarter-hour starts from 60 days back to 60 days ahead */
      plan.start_ms = day_start + DAY_MS * g_rand_int_range (ctx->rand, -60, 61) +
                      15 * MINUTE_MS * g_rand_int_range (ctx->rand, 0, 96);
      plan.status = statuses[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (statuses))];
      if (plan.et->recurrence_count > 0 || g_rand_double (ctx->rand) < 0.1)
        plan.recurring_event_id = g_ptr_array_index (series, g_rand_int_range (ctx->rand, 0, (gint32) series->len));
      plan.no_show = g_str_equal (plan.status, "accepted") && g_rand_double (ctx->rand) < 0.05;
      insert_planned (ctx, &plan);
    }
}

/* Public API */

gboolean
calbook_sandbox_seed_populate (CalbookSandboxDb  *db,
                               guint64            seed,
                               guint              n_bookings,
                               gint64             now_ms,
                               GError           **error)
{
  g_autoptr(GHashTable) busy_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint32 seed_words[2] = { (guint32) (seed & 0xffffffff), (guint32) (seed >> 32) };
  SeedContext ctx;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (db), FALSE);

  ctx.db = db;
  ctx.rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));
  ctx.now_ms = now_ms;
  ctx.busy_days = busy_days;
  ctx.responses = responses;

  /* One transaction: 100,000 bookings seed in about a second */
  if (!calbook_sandbox_db_exec (db, "BEGIN", error))
    {
      g_rand_free (ctx.rand);
      return FALSE;
    }

  add_members (db, seed);
  if (n_bookings == 0)
    seed_demo (&ctx);
  else
    seed_random (&ctx, n_bookings);

  g_rand_free (ctx.rand);
  return calbook_sandbox_db_exec (db, "COMMIT", error);
}
