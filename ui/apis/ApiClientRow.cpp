#include "ApiClientRow.h"

#include "ui/apis/ClientGrantEditor.h"
#include "ui/common/Form.h"
#include "ui/shell/Theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

ApiClientRow::ApiClientRow(ClientGrantService &grants, const QString &clientId, QWidget *parent)
    : QFrame(parent)
    , m_clientId(clientId)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_authorized(new QCheckBox(tr("Authorized"), this))
    , m_expand(new QToolButton(this))
    , m_divider(new QFrame(this))
    , m_editor(nullptr)
{
    setObjectName(QStringLiteral("client:") + clientId);
    setProperty("role", QStringLiteral("card"));
    m_editor = new ClientGrantEditor(grants, m_authorized, 3, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 14, 16, 14);
    layout->setSpacing(12);
    auto *header = new QHBoxLayout;
    header->setSpacing(12);
    header->addWidget(m_icon, 0, Qt::AlignVCenter);
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    m_title->setObjectName(QStringLiteral("clientName"));
    m_title->setProperty("role", QStringLiteral("fieldLabel"));
    m_title->setTextFormat(Qt::PlainText);
    text->addWidget(m_title);
    auto *clientLine = new QLabel(tr("Client ID  %1").arg(clientId), this);
    clientLine->setProperty("role", QStringLiteral("hint"));
    clientLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->addWidget(clientLine);
    header->addLayout(text, 1);
    m_summary->setObjectName(QStringLiteral("grantSummary"));
    m_summary->setProperty("role", QStringLiteral("pill"));
    header->addWidget(m_summary, 0, Qt::AlignVCenter);
    header->addSpacing(8);
    m_authorized->setObjectName(QStringLiteral("authorizedCheck"));
    header->addWidget(m_authorized, 0, Qt::AlignVCenter);
    m_expand->setObjectName(QStringLiteral("expandButton"));
    m_expand->setCheckable(true);
    m_expand->setIconSize(QSize(18, 18));
    m_expand->setCursor(Qt::PointingHandCursor);
    header->addWidget(m_expand, 0, Qt::AlignVCenter);
    layout->addLayout(header);
    m_divider->setProperty("role", QStringLiteral("divider"));
    layout->addWidget(m_divider);
    m_editor->setObjectName(QStringLiteral("grantEditor"));
    layout->addWidget(m_editor);
    setExpanded(false);

    connect(m_expand, &QToolButton::toggled, this, &ApiClientRow::setExpanded);
    // Authorized takes effect through Update only: show it, with the scopes to choose.
    connect(m_authorized, &QCheckBox::clicked, this, [this] { setExpanded(true); });
    connect(m_editor, &ClientGrantEditor::storedChanged, this, &ApiClientRow::updateSummary);
    connect(m_editor, &ClientGrantEditor::saved, this, &ApiClientRow::saved);
    connect(m_editor, &ClientGrantEditor::failed, this, &ApiClientRow::failed);
    connect(
        m_editor, &ClientGrantEditor::changedElsewhere, this, [this] { Q_EMIT changedElsewhere(m_name); });
    connect(&Theme::instance(), &Theme::changed, this, &ApiClientRow::updateIcons);
    updateIcons();
}

QString ApiClientRow::load(const QString &name, const QString &audience, const QString &apiName)
{
    m_name = name;
    m_title->setText(name);
    m_authorized->setAccessibleName(tr("%1 authorized").arg(name));
    m_expand->setAccessibleName(tr("Scopes of %1").arg(name));
    return m_editor->load(m_clientId, name, audience, apiName);
}

bool ApiClientRow::isExpanded() const
{
    return m_editor->isVisibleTo(this);
}

void ApiClientRow::setExpanded(bool expanded)
{
    m_divider->setVisible(expanded);
    m_editor->setVisible(expanded);
    const QSignalBlocker blocker(m_expand);
    m_expand->setChecked(expanded);
    m_expand->setToolTip(expanded ? tr("Hide the scopes") : tr("Show the scopes"));
    updateIcons();
}

void ApiClientRow::updateSummary()
{
    const bool authorized = m_editor->stored().has_value();
    const int scopes = authorized ? int(m_editor->stored()->scopes.size()) : 0;
    m_summary->setText(authorized ? ClientGrantEditor::scopeCount(scopes) : tr("Not authorized"));
    m_summary->setProperty("tone", authorized ? QStringLiteral("success") : QString());
    Form::repolish(m_summary);
}

void ApiClientRow::updateIcons()
{
    m_icon->setPixmap(Theme::instance().icon(QStringLiteral("type-m2m")).pixmap(22, 22));
    m_expand->setIcon(Theme::instance().icon(m_expand->isChecked() ? QStringLiteral("chevron-down")
                                                                   : QStringLiteral("chevron-right")));
}
