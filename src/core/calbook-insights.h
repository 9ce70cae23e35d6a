/* calbook-insights.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-booking-filter.h"

G_BEGIN_DECLS

/**
 * CalbookInsightsMember:
 * @user_id: the member's Cal.com user id
 * @name: the member's name (from the memberships, else from a booking)
 * @email: the member's e-mail address, may be empty
 * @bookings: bookings this member hosts among the matching ones
 * @cancelled: of these, cancelled ones (not moved ones)
 * @no_shows: of these, ones where the host or an attendee was marked absent
 */
typedef struct
{
  gint64  user_id;
  char   *name;
  char   *email;
  guint   bookings;
  guint   cancelled;
  guint   no_shows;
} CalbookInsightsMember;

/**
 * CalbookInsightsWaiting:
 * @uid: the booking's uid
 * @title: its title
 * @member: the name of its (first) host
 * @created_at: when it was requested (Unix time)
 * @start: when it would start (Unix time)
 *
 * An unconfirmed request that has not started yet.
 */
typedef struct
{
  char   *uid;
  char   *title;
  char   *member;
  gint64  created_at;
  gint64  start;
} CalbookInsightsWaiting;

/**
 * CalbookInsightsEventType:
 * @id: Cal.com's event type id
 * @slug: its slug, e.g. "30min"
 * @owner: the name of a member who hosts it (event types belong to one member)
 * @bookings: matching bookings of this event type
 */
typedef struct
{
  gint64  id;
  char   *slug;
  char   *owner;
  guint   bookings;
} CalbookInsightsEventType;

/**
 * CalbookInsightsLead:
 *
 * How far ahead bookings are made: from the request to the start.
 */
typedef enum
{
  CALBOOK_INSIGHTS_LEAD_SAME_DAY,
  CALBOOK_INSIGHTS_LEAD_DAYS,
  CALBOOK_INSIGHTS_LEAD_WEEK,
  CALBOOK_INSIGHTS_LEAD_TWO_WEEKS,
  CALBOOK_INSIGHTS_LEAD_MONTH,
  CALBOOK_INSIGHTS_LEAD_LONGER,
  CALBOOK_INSIGHTS_N_LEADS,
} CalbookInsightsLead;

#define CALBOOK_INSIGHTS_MAX_WAITING 10

#define CALBOOK_TYPE_INSIGHTS (calbook_insights_get_type ())

G_DECLARE_FINAL_TYPE (CalbookInsights, calbook_insights, CALBOOK, INSIGHTS, GObject)

/*
 * Aggregates over the bookings matching a filter, counted by SQL in a
 * read-only connection of its own. Times are folded into weeks and hours
 * of @zone (the viewer's), which may differ from the zone of each booking.
 * The result is immutable.
 */

CalbookInsights *calbook_insights_compute        (const char                 *store_path,
                                                  const CalbookBookingFilter *filter,
                                                  GTimeZone                  *zone,
                                                  gint64                      now,
                                                  GError                    **error);
void             calbook_insights_compute_async  (const char                 *store_path,
                                                  const CalbookBookingFilter *filter,
                                                  GTimeZone                  *zone,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
CalbookInsights *calbook_insights_compute_finish (GAsyncResult               *result,
                                                  GError                    **error);
/* Only the event types of every booking (finish with the above) */
void             calbook_insights_list_event_types_async (const char          *store_path,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);

guint            calbook_insights_get_total      (CalbookInsights *self);
/* (transfer none) (element-type CalbookInsightsMember): most bookings first */
GPtrArray       *calbook_insights_get_members    (CalbookInsights *self);

/* Weeks from the first to the last with a booking, Monday 00:00 in the zone */
guint            calbook_insights_get_n_weeks    (CalbookInsights *self);
gint64           calbook_insights_get_week_start (CalbookInsights *self,
                                                  guint            week);
guint            calbook_insights_get_week_count (CalbookInsights *self,
                                                  guint            week,
                                                  guint            member);

/* @weekday: 0 is Monday; @hour 0…23 in the zone */
guint            calbook_insights_get_hour_count (CalbookInsights *self,
                                                  guint            weekday,
                                                  guint            hour);
guint            calbook_insights_get_max_hour_count (CalbookInsights *self);

/* (transfer none) (element-type CalbookInsightsWaiting): longest waiting first */
GPtrArray       *calbook_insights_get_waiting    (CalbookInsights *self);

/* (transfer none) (element-type CalbookInsightsEventType): by slug, then owner */
GPtrArray       *calbook_insights_get_event_types (CalbookInsights *self);

guint            calbook_insights_get_lead_count (CalbookInsights     *self,
                                                  CalbookInsightsLead  lead);
const char      *calbook_insights_lead_to_label  (CalbookInsightsLead  lead);

G_END_DECLS
