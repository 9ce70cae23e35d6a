/* calbook-admin-chart.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-insights.h"

G_BEGIN_DECLS

/**
 * CalbookAdminChartKind:
 * @CALBOOK_ADMIN_CHART_WEEKS: bookings per member per week, stacked bars
 * @CALBOOK_ADMIN_CHART_RATES: cancellation and no-show rates per member
 * @CALBOOK_ADMIN_CHART_HOURS: busiest hours of the week, a heat map
 * @CALBOOK_ADMIN_CHART_LEADS: how far ahead bookings are made
 */
typedef enum
{
  CALBOOK_ADMIN_CHART_WEEKS,
  CALBOOK_ADMIN_CHART_RATES,
  CALBOOK_ADMIN_CHART_HOURS,
  CALBOOK_ADMIN_CHART_LEADS,
} CalbookAdminChartKind;

#define CALBOOK_TYPE_ADMIN_CHART_KIND (calbook_admin_chart_kind_get_type ())
GType calbook_admin_chart_kind_get_type (void) G_GNUC_CONST;

#define CALBOOK_TYPE_ADMIN_CHART (calbook_admin_chart_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAdminChart, calbook_admin_chart, CALBOOK, ADMIN_CHART, GtkWidget)

void             calbook_admin_chart_set_insights  (CalbookAdminChart *self,
                                                    CalbookInsights   *insights);
/* The same numbers in words: the accessible description, and the caption */
char            *calbook_admin_chart_dup_summary   (CalbookAdminChart *self);
gboolean         calbook_admin_chart_is_empty      (CalbookAdminChart *self);
/* @user_ids: (element-type gint64): the members in colour order, the same
 * on every page of the admin window */
void             calbook_admin_chart_set_color_order (CalbookAdminChart *self,
                                                      GArray            *user_ids);
guint            calbook_admin_chart_find_color      (GArray            *user_ids,
                                                      gint64             user_id,
                                                      guint              fallback);
/* The colour at @index of the colour order (light or dark) */
void             calbook_admin_chart_get_member_color (guint           index,
                                                       gboolean        dark,
                                                       GdkRGBA        *color);

G_END_DECLS
