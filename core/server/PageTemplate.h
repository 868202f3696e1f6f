#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QVariantMap>

/**
 * @brief The hosted login pages' templates: a small subset of Mustache over the `:/login/` resources.
 *
 * - `{{name}}` is replaced by the value, HTML-escaped (text and attribute safe);
 * - `{{#name}}…{{/name}}` is shown when the value is true or a non-empty text; for a list of maps it is
 *   repeated for each item, with the item's keys in scope;
 * - `{{^name}}…{{/name}}` is shown when the value is false, empty or missing;
 * - `{{{body}}}` is the one raw slot, in the layout: it takes a page that was rendered by this class.
 *
 * A missing name renders as nothing. Templates are HTML files kept as resources, never strings in C++.
 */
class PageTemplate
{
public:
    /// Loads `:/login/<name>.html` (once: later calls reuse it); an error when the resource is missing or has
    /// an unclosed section. For the server's thread only.
    static Result<PageTemplate> load(const QString &name);
    /// A template from @p text, checked the same way.
    static Result<PageTemplate> fromText(const QString &text);

    QString render(const QVariantMap &values) const;

    /// @p text with &, <, >, " and ' replaced by entities.
    static QString escape(const QString &text);

private:
    explicit PageTemplate(QString text);
    QString m_text;
};
