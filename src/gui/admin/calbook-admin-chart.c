/* calbook-admin-chart.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "calbook-admin-cell.h"
#include "calbook-admin-chart.h"
#include "calbook-booking-text.h"

/*
 * One chart of the insights page, drawn with cairo inside the widget's
 * snapshot. Text and axes take the widget's own colour, and the member
 * colours come in a light and a dark set, so the charts read in both
 * styles. What the chart shows is also written out in words (the
 * accessible description), for screen readers and for the caption.
 */

#define PAD 8.0
#define LABEL_WIDTH 130.0
#define AXIS_HEIGHT 18.0

struct _CalbookAdminChart
{
  GtkWidget              parent_instance;

  CalbookAdminChartKind  kind;
  CalbookInsights       *insights;
  GArray                *color_order;
  /* The members' names as drawn: cut to what Pango lays out at once */
  GPtrArray             *names;
};

G_DEFINE_FINAL_TYPE (CalbookAdminChart, calbook_admin_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (CalbookAdminChartKind, calbook_admin_chart_kind,
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_CHART_WEEKS, "weeks"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_CHART_RATES, "rates"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_CHART_HOURS, "hours"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_CHART_LEADS, "leads"))

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GNOME's palette: the 3 shades for light, the 2 shades for dark */
static const char *light_colors[] = {
  "#1c71d8", "#2ec27e", "#e5a50a", "#e66100", "#c01c28", "#813d9c", "#865e3c", "#0a8f8f",
};
static const char *dark_colors[] = {
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#f66151", "#c061cb", "#cdab8f", "#5bc8af",
};

/* Auxiliary methods */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static const char *
get_member_name (CalbookAdminChart *self,
                 guint              m)
{
  return self->names != NULL && m < self->names->len ? g_ptr_array_index (self->names, m) : "";
}

static void
get_foreground (CalbookAdminChart *self,
                GdkRGBA           *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Text at (x, y): @xalign 0 left, 0.5 centred, 1 right; y is the top */
static void
draw_text (CalbookAdminChart *self,
           cairo_t           *cr,
           const char        *text,
           double             x,
           double             y,
           double             xalign,
           double             max_width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - xalign * width, y);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_week (gint64 week_start)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (week_start);

  /* Translators: the first day of a week on a chart's axis, e.g. "7 Dec"; see strftime(3) */
  return g_date_time_format (time, _("%-d %b"));
}

static void
draw_weeks (CalbookAdminChart *self,
            cairo_t           *cr,
            double             width,
            double             height)
{
  GPtrArray *members = calbook_insights_get_members (self->insights);
  guint n_weeks = calbook_insights_get_n_weeks (self->insights);
  double legend_height = 22.0;
  double plot_height = height - AXIS_HEIGHT - PAD - legend_height;
  guint max_total = 1;
  double bar_width;
  double legend_x = PAD;
  GdkRGBA fg;

  get_foreground (self, &fg);

  /* The legend: each member's colour and name, on one line */
  for (guint m = 0; m < members->len && legend_x < width - 40; m++)
    {
      CalbookInsightsMember *member = g_ptr_array_index (members, m);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), get_member_name (self, m));
      GdkRGBA color;
      int text_width, text_height;

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      calbook_admin_chart_get_member_color (calbook_admin_chart_find_color (self->color_order, member->user_id, m),
                                            is_dark (), &color);
      set_color (cr, &color, 1.0);
      cairo_rectangle (cr, legend_x, 5, 10, 10);
      cairo_fill (cr);
      set_color (cr, &fg, 0.9);
      cairo_move_to (cr, legend_x + 14, 2);
      pango_cairo_show_layout (cr, layout);
      legend_x += 14 + text_width + 12;
    }
  cairo_translate (cr, 0, legend_height);

  for (guint w = 0; w < n_weeks; w++)
    {
      guint total = 0;

      for (guint m = 0; m < members->len; m++)
        total += calbook_insights_get_week_count (self->insights, w, m);
      max_total = MAX (max_total, total);
    }

  if (n_weeks == 0)
    return;

  bar_width = (width - 2 * PAD) / n_weeks;

  for (guint w = 0; w < n_weeks; w++)
    {
      double x = PAD + w * bar_width;
      double y = PAD + plot_height;
      guint total = 0;

      for (guint m = 0; m < members->len; m++)
        {
          guint count = calbook_insights_get_week_count (self->insights, w, m);
          double h = plot_height * count / max_total;
          CalbookInsightsMember *member = g_ptr_array_index (members, m);
          GdkRGBA color;

          if (count == 0)
            continue;

          calbook_admin_chart_get_member_color (calbook_admin_chart_find_color (self->color_order, member->user_id, m),
                                                is_dark (), &color);
          set_color (cr, &color, 1.0);
          cairo_rectangle (cr, x + 1, y - h, MAX (bar_width - 2, 1), h);
          cairo_fill (cr);
          y -= h;
          total += count;
        }

      /* Every few weeks a date, so that labels never overlap */
      if (w % (guint) MAX (1.0, ceil (64.0 / MAX (bar_width, 1.0))) == 0)
        {
          g_autofree char *label = format_week (calbook_insights_get_week_start (self->insights, w));

          set_color (cr, &fg, 0.7);
          draw_text (self, cr, label, x, PAD + plot_height + 2, 0.0, -1);
        }
    }

  /* The scale */
  {
    g_autofree char *top = g_strdup_printf ("%u", max_total);

    set_color (cr, &fg, 0.25);
    cairo_set_line_width (cr, 1.0);
    cairo_move_to (cr, PAD, PAD + 0.5);
    cairo_line_to (cr, width - PAD, PAD + 0.5);
    cairo_move_to (cr, PAD, PAD + plot_height + 0.5);
    cairo_line_to (cr, width - PAD, PAD + plot_height + 0.5);
    cairo_stroke (cr);
    set_color (cr, &fg, 0.7);
    draw_text (self, cr, top, width - PAD, PAD + 2, 1.0, -1);
  }
}

static void
draw_rates (CalbookAdminChart *self,
            cairo_t           *cr,
            double             width,
            double             height)
{
  GPtrArray *members = calbook_insights_get_members (self->insights);
  double row_height = 26.0;
  double bar_area = width - LABEL_WIDTH - 3 * PAD - 90;
  GdkRGBA fg;
  GdkRGBA cancel_color;
  GdkRGBA absent_color;

  get_foreground (self, &fg);
  gdk_rgba_parse (&cancel_color, is_dark () ? dark_colors[4] : light_colors[4]);
  gdk_rgba_parse (&absent_color, is_dark () ? dark_colors[2] : light_colors[2]);

  /* The legend, then one row per member */
  set_color (cr, &cancel_color, 1.0);
  cairo_rectangle (cr, PAD, 5, 10, 10);
  cairo_fill (cr);
  set_color (cr, &fg, 0.9);
  draw_text (self, cr, _("Cancelled"), PAD + 14, 2, 0.0, -1);
  set_color (cr, &absent_color, 1.0);
  cairo_rectangle (cr, PAD + 120, 5, 10, 10);
  cairo_fill (cr);
  set_color (cr, &fg, 0.9);
  draw_text (self, cr, _("No-shows"), PAD + 134, 2, 0.0, -1);
  cairo_translate (cr, 0, 22);
  height -= 22;

  for (guint m = 0; m < members->len && (m + 1) * row_height <= height; m++)
    {
      CalbookInsightsMember *member = g_ptr_array_index (members, m);
      double cancel_rate = member->bookings > 0 ? (double) member->cancelled / member->bookings : 0;
      double absent_rate = member->bookings > 0 ? (double) member->no_shows / member->bookings : 0;
      double y = m * row_height + 4;
      double x = LABEL_WIDTH + 2 * PAD;
      g_autofree char *numbers = NULL;

      set_color (cr, &fg, 1.0);
      draw_text (self, cr, get_member_name (self, m), PAD, y, 0.0, LABEL_WIDTH);

      set_color (cr, &fg, 0.1);
      cairo_rectangle (cr, x, y + 2, bar_area, 7);
      cairo_rectangle (cr, x, y + 11, bar_area, 7);
      cairo_fill (cr);

      set_color (cr, &cancel_color, 1.0);
      cairo_rectangle (cr, x, y + 2, bar_area * cancel_rate, 7);
      cairo_fill (cr);
      set_color (cr, &absent_color, 1.0);
      cairo_rectangle (cr, x, y + 11, bar_area * absent_rate, 7);
      cairo_fill (cr);

      numbers = g_strdup_printf ("%.0f%% · %.0f%%", cancel_rate * 100, absent_rate * 100);
      set_color (cr, &fg, 0.8);
      draw_text (self, cr, numbers, width - PAD, y, 1.0, -1);
    }
}

static void
draw_hours (CalbookAdminChart *self,
            cairo_t           *cr,
            double             width,
            double             height)
{
  guint max_count = calbook_insights_get_max_hour_count (self->insights);
  double left = 48.0;
  double cell_width = (width - left - PAD) / 24;
  double cell_height = (height - AXIS_HEIGHT - PAD) / 7;
  g_autoptr(GDateTime) monday = g_date_time_new_local (2024, 1, 1, 0, 0, 0);
  GdkRGBA fg;
  GdkRGBA heat;

  get_foreground (self, &fg);
  gdk_rgba_parse (&heat, is_dark () ? dark_colors[0] : light_colors[0]);

  for (guint d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, d);
      g_autofree char *name = g_date_time_format (day, "%a");

      set_color (cr, &fg, 0.8);
      draw_text (self, cr, name, PAD, d * cell_height + (cell_height - 14) / 2, 0.0, left - PAD);

      for (guint h = 0; h < 24; h++)
        {
          guint count = calbook_insights_get_hour_count (self->insights, d, h);
          double level = max_count > 0 ? (double) count / max_count : 0;

          set_color (cr, &fg, 0.06);
          cairo_rectangle (cr, left + h * cell_width + 1, d * cell_height + 1,
                           cell_width - 2, cell_height - 2);
          cairo_fill (cr);
          if (count > 0)
            {
              set_color (cr, &heat, 0.15 + 0.85 * level);
              cairo_rectangle (cr, left + h * cell_width + 1, d * cell_height + 1,
                               cell_width - 2, cell_height - 2);
              cairo_fill (cr);
            }
        }
    }

  for (guint h = 0; h < 24; h += 3)
    {
      g_autofree char *label = g_strdup_printf ("%02u", h);

      set_color (cr, &fg, 0.7);
      draw_text (self, cr, label, left + h * cell_width, 7 * cell_height + 2, 0.0, -1);
    }
}

static void
draw_leads (CalbookAdminChart *self,
            cairo_t           *cr,
            double             width,
            double             height)
{
  double row_height = (height - PAD) / CALBOOK_INSIGHTS_N_LEADS;
  double bar_area = width - LABEL_WIDTH - 3 * PAD - 50;
  guint max_count = 1;
  GdkRGBA fg;
  GdkRGBA bar;

  get_foreground (self, &fg);
  gdk_rgba_parse (&bar, is_dark () ? dark_colors[7] : light_colors[7]);

  for (guint l = 0; l < CALBOOK_INSIGHTS_N_LEADS; l++)
    max_count = MAX (max_count, calbook_insights_get_lead_count (self->insights, l));

  for (guint l = 0; l < CALBOOK_INSIGHTS_N_LEADS; l++)
    {
      guint count = calbook_insights_get_lead_count (self->insights, l);
      double y = l * row_height;
      g_autofree char *number = g_strdup_printf ("%u", count);

      set_color (cr, &fg, 1.0);
      draw_text (self, cr, calbook_insights_lead_to_label (l), PAD, y + (row_height - 16) / 2, 0.0,
                 LABEL_WIDTH);
      set_color (cr, &bar, 1.0);
      cairo_rectangle (cr, LABEL_WIDTH + 2 * PAD, y + row_height * 0.2,
                       bar_area * count / max_count, row_height * 0.6);
      cairo_fill (cr);
      set_color (cr, &fg, 0.8);
      draw_text (self, cr, number, width - PAD, y + (row_height - 16) / 2, 1.0, -1);
    }
}

static void
update_summary (CalbookAdminChart *self)
{
  g_autofree char *summary = calbook_admin_chart_dup_summary (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}

static void
on_dark_changed_cb (CalbookAdminChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject overrides */

static void
calbook_admin_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CalbookAdminChart *self = CALBOOK_ADMIN_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->insights == NULL || width <= 2 * PAD || height <= 2 * PAD)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  switch (self->kind)
    {
    case CALBOOK_ADMIN_CHART_WEEKS:
      draw_weeks (self, cr, width, height);
      break;
    case CALBOOK_ADMIN_CHART_RATES:
      draw_rates (self, cr, width, height);
      break;
    case CALBOOK_ADMIN_CHART_HOURS:
      draw_hours (self, cr, width, height);
      break;
    case CALBOOK_ADMIN_CHART_LEADS:
    default:
      draw_leads (self, cr, width, height);
      break;
    }

  cairo_destroy (cr);
}

static void
calbook_admin_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CalbookAdminChart *self = CALBOOK_ADMIN_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 480;
    }
  else if (self->kind == CALBOOK_ADMIN_CHART_RATES && self->insights != NULL)
    {
      *minimum = *natural = MAX (40, 26 * (int) calbook_insights_get_members (self->insights)->len + 30);
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static void
calbook_admin_chart_dispose (GObject *object)
{
  CalbookAdminChart *self = CALBOOK_ADMIN_CHART (object);

  g_clear_object (&self->insights);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->color_order, g_array_unref);

  G_OBJECT_CLASS (calbook_admin_chart_parent_class)->dispose (object);
}

static void
calbook_admin_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CalbookAdminChart *self = CALBOOK_ADMIN_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_admin_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CalbookAdminChart *self = CALBOOK_ADMIN_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_admin_chart_class_init (CalbookAdminChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_admin_chart_dispose;
  object_class->get_property = calbook_admin_chart_get_property;
  object_class->set_property = calbook_admin_chart_set_property;

  widget_class->snapshot = calbook_admin_chart_snapshot;
  widget_class->measure = calbook_admin_chart_measure;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CALBOOK_TYPE_ADMIN_CHART_KIND, CALBOOK_ADMIN_CHART_WEEKS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "adminchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
calbook_admin_chart_init (CalbookAdminChart *self)
{
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

void
calbook_admin_chart_set_insights (CalbookAdminChart *self,
                                  CalbookInsights   *insights)
{
  g_return_if_fail (CALBOOK_IS_ADMIN_CHART (self));

  if (!g_set_object (&self->insights, insights))
    return;

  g_clear_pointer (&self->names, g_ptr_array_unref);
  if (insights != NULL)
    {
      GPtrArray *members = calbook_insights_get_members (insights);

      self->names = g_ptr_array_new_with_free_func (g_free);
      for (guint m = 0; m < members->len; m++)
        /* Set apart: the summaries put names into sentences */
        g_ptr_array_add (self->names,
                         calbook_admin_cell_dup_inline (((CalbookInsightsMember *) g_ptr_array_index (members, m))->name));
    }

  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
calbook_admin_chart_set_color_order (CalbookAdminChart *self,
                                     GArray            *user_ids)
{
  g_return_if_fail (CALBOOK_IS_ADMIN_CHART (self));

  g_clear_pointer (&self->color_order, g_array_unref);
  self->color_order = user_ids != NULL ? g_array_ref (user_ids) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The position of @user_id in @user_ids, or @fallback */
guint
calbook_admin_chart_find_color (GArray *user_ids,
                                gint64  user_id,
                                guint   fallback)
{
  for (guint i = 0; user_ids != NULL && i < user_ids->len; i++)
    if (g_array_index (user_ids, gint64, i) == user_id)
      return i;

  return fallback;
}

void
calbook_admin_chart_get_member_color (guint     index,
                                      gboolean  dark,
                                      GdkRGBA  *color)
{
  gdk_rgba_parse (color, dark ? dark_colors[index % G_N_ELEMENTS (dark_colors)]
                              : light_colors[index % G_N_ELEMENTS (light_colors)]);
}

/**
 * calbook_admin_chart_dup_summary:
 *
 * Returns: (transfer full): what the chart shows, in a sentence or two
 */
/**
 * calbook_admin_chart_is_empty:
 *
 * Returns: whether the chart has nothing to draw (then its summary says so
 *   and it is better hidden than shown as an empty frame)
 */
gboolean
calbook_admin_chart_is_empty (CalbookAdminChart *self)
{
  guint leads = 0;

  g_return_val_if_fail (CALBOOK_IS_ADMIN_CHART (self), TRUE);

  if (self->insights == NULL || calbook_insights_get_total (self->insights) == 0)
    return TRUE;

  switch (self->kind)
    {
    case CALBOOK_ADMIN_CHART_WEEKS:
      return calbook_insights_get_n_weeks (self->insights) == 0;
    case CALBOOK_ADMIN_CHART_RATES:
      return calbook_insights_get_members (self->insights)->len == 0;
    case CALBOOK_ADMIN_CHART_HOURS:
      return calbook_insights_get_max_hour_count (self->insights) == 0;
    case CALBOOK_ADMIN_CHART_LEADS:
    default:
      for (guint l = 0; l < CALBOOK_INSIGHTS_N_LEADS; l++)
        leads += calbook_insights_get_lead_count (self->insights, l);
      return leads == 0;
    }
}

char *
calbook_admin_chart_dup_summary (CalbookAdminChart *self)
{
  GString *text = g_string_new (NULL);
  GPtrArray *members;

  g_return_val_if_fail (CALBOOK_IS_ADMIN_CHART (self), NULL);

  if (self->insights == NULL || calbook_insights_get_total (self->insights) == 0)
    {
      g_string_append (text, _("No bookings match the filters."));
      return g_string_free (text, FALSE);
    }

  members = calbook_insights_get_members (self->insights);

  switch (self->kind)
    {
    case CALBOOK_ADMIN_CHART_WEEKS:
      {
        guint n_weeks = calbook_insights_get_n_weeks (self->insights);
        guint busiest = 0, busiest_count = 0;

        for (guint w = 0; w < n_weeks; w++)
          {
            guint total = 0;

            for (guint m = 0; m < members->len; m++)
              total += calbook_insights_get_week_count (self->insights, w, m);
            if (total > busiest_count)
              {
                busiest = w;
                busiest_count = total;
              }
          }

        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u booking over %u weeks.",
                                                   "%u bookings over %u weeks.",
                                                   calbook_insights_get_total (self->insights)),
                                calbook_insights_get_total (self->insights), n_weeks);
        if (n_weeks > 0)
          {
            g_autofree char *week = format_week (calbook_insights_get_week_start (self->insights, busiest));

            /* Translators: e.g. " The busiest week began on 7 Dec, with 42." */
            g_string_append_printf (text, _(" The busiest week began on %s, with %u."), week, busiest_count);
          }
        for (guint m = 0; m < members->len && m < 3; m++)
          {
            CalbookInsightsMember *member = g_ptr_array_index (members, m);

            /* Translators: e.g. " Ann Lee: 12." */
            g_string_append_printf (text, _(" %s: %u."), get_member_name (self, m), member->bookings);
          }
      }
      break;

    case CALBOOK_ADMIN_CHART_RATES:
      for (guint m = 0; m < members->len; m++)
        {
          CalbookInsightsMember *member = g_ptr_array_index (members, m);

          /* Translators: e.g. "Ann Lee: 10% cancelled, 5% no-shows of 20. " */
          g_string_append_printf (text, _("%s: %.0f%% cancelled, %.0f%% no-shows of %u. "),
                                  get_member_name (self, m),
                                  member->bookings > 0 ? 100.0 * member->cancelled / member->bookings : 0,
                                  member->bookings > 0 ? 100.0 * member->no_shows / member->bookings : 0,
                                  member->bookings);
        }
      break;

    case CALBOOK_ADMIN_CHART_HOURS:
      {
        g_autoptr(GDateTime) monday = g_date_time_new_local (2024, 1, 1, 0, 0, 0);
        guint best_day = 0, best_hour = 0, best = 0;

        for (guint d = 0; d < 7; d++)
          for (guint h = 0; h < 24; h++)
            if (calbook_insights_get_hour_count (self->insights, d, h) > best)
              {
                best = calbook_insights_get_hour_count (self->insights, d, h);
                best_day = d;
                best_hour = h;
              }

        {
          g_autoptr(GDateTime) day = g_date_time_add_days (monday, best_day);
          g_autofree char *day_name = g_date_time_format (day, "%A");

          /* Translators: e.g. "The busiest hour is Tuesday 10:00, with 14 bookings." */
          g_string_append_printf (text, _("The busiest hour is %s %02u:00, with %u bookings."),
                                  day_name, best_hour, best);
        }
      }
      break;

    case CALBOOK_ADMIN_CHART_LEADS:
    default:
      for (guint l = 0; l < CALBOOK_INSIGHTS_N_LEADS; l++)
        /* Translators: e.g. "Same day: 12. " */
        g_string_append_printf (text, _("%s: %u. "), calbook_insights_lead_to_label (l),
                                calbook_insights_get_lead_count (self->insights, l));
      break;
    }

  return g_strstrip (g_string_free (text, FALSE));
}
