#pragma once

#include "core/applications/UrlRules.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

/**
 * @brief An editor for a list of URLs (comma- or line-separated) that marks each bad entry inline
 *        with the rule it breaks, as the admin types.
 */
class UrlListEdit : public QWidget
{
    Q_OBJECT

public:
    UrlListEdit(UrlRules::Kind kind, QWidget *parent = nullptr);

    void setUrls(const QStringList &urls);
    QStringList urls() const;
    QList<UrlRules::Issue> issues() const { return m_issues; }
    bool isValid() const { return m_issues.isEmpty(); }

    void setAllowCustomScheme(bool allow);
    void setPlaceholderText(const QString &text);
    QPlainTextEdit *editor() const { return m_editor; }

Q_SIGNALS:
    /// The admin changed the text.
    void edited();

private:
    void revalidate();

    UrlRules::Kind m_kind;
    bool m_allowCustomScheme = false;
    QPlainTextEdit *m_editor;
    QLabel *m_problems;
    QList<UrlRules::Issue> m_issues;
};
