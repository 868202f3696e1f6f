#pragma once

#include "core/mfa/MessageTemplates.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

/**
 * @brief One phone message template: the text, a live preview with sample values, its length,
 *        encoding and SMS segments, the rule it breaks, and Reset to default.
 */
class TemplateEditor : public QWidget
{
    Q_OBJECT

public:
    TemplateEditor(MessageTemplates::Kind kind, QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    /// The tenant name shown in the preview.
    void setFriendlyName(const QString &name);
    /// The rule the text breaks, or an empty string.
    QString problem() const { return m_problem; }
    QPlainTextEdit *editor() const { return m_edit; }

Q_SIGNALS:
    void edited();

private:
    void update();

    MessageTemplates::Kind m_kind;
    QString m_friendlyName;
    QString m_problem;
    QPlainTextEdit *m_edit;
    QLabel *m_preview;
    QLabel *m_stats;
    QLabel *m_error;
};
