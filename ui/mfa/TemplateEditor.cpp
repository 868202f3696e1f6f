#include "TemplateEditor.h"

#include "core/plivo/SmsText.h"
#include "ui/common/Form.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

TemplateEditor::TemplateEditor(MessageTemplates::Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_edit(new QPlainTextEdit(this))
    , m_preview(new QLabel(this))
    , m_stats(Form::hint({}, this))
    , m_error(Form::error(QStringLiteral("templateError"), this))
{
    const bool enrollment = kind == MessageTemplates::Kind::Enrollment;
    setObjectName(enrollment ? QStringLiteral("enrollmentTemplate") : QStringLiteral("verificationTemplate"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *head = new QHBoxLayout;
    head->addWidget(
        Form::label(enrollment ? tr("Enrollment message") : tr("Verification message"), m_edit, this), 1);
    auto *reset
        = Form::button(tr("Reset to default"), QStringLiteral("link"), QStringLiteral("resetTemplate"), this);
    reset->setAccessibleName(enrollment ? tr("Reset enrollment message to default")
                                        : tr("Reset verification message to default"));
    head->addWidget(reset);
    layout->addLayout(head);
    m_edit->setObjectName(QStringLiteral("templateEdit"));
    m_edit->setTabChangesFocus(true);
    m_edit->setFixedHeight(64);
    layout->addWidget(m_edit);
    layout->addWidget(m_error);
    m_stats->setObjectName(QStringLiteral("templateStats"));
    layout->addWidget(m_stats);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setWordWrap(true);
    m_preview->setProperty("role", QStringLiteral("preview"));
    m_preview->setTextFormat(Qt::PlainText);
    layout->addWidget(m_preview);

    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        update();
        Q_EMIT edited();
    });
    connect(reset, &QPushButton::clicked, this, [this] {
        m_edit->setPlainText(MessageTemplates::defaultTemplate(m_kind));
    });
}

void TemplateEditor::setText(const QString &text)
{
    const QSignalBlocker blocker(m_edit);
    m_edit->setPlainText(text);
    update();
}

QString TemplateEditor::text() const
{
    return m_edit->toPlainText();
}

void TemplateEditor::setFriendlyName(const QString &name)
{
    m_friendlyName = name;
    update();
}

void TemplateEditor::update()
{
    const QString rendered = MessageTemplates::render(text(), MessageTemplates::sampleValues(m_friendlyName));
    const SmsText::Info info = SmsText::analyse(rendered);
    m_preview->setText(rendered);
    m_stats->setText(tr("Preview with code 123456: %1 characters · %2 · SMS segments: %3")
                         .arg(info.characters)
                         .arg(SmsText::encodingName(info.encoding))
                         .arg(info.segments));
    m_problem = MessageTemplates::check(text(), m_friendlyName).value_or(QString());
    Form::setError(m_error, m_edit, m_problem);
}
