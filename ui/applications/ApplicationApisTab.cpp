#include "ApplicationApisTab.h"

#include "core/server/LoginServer.h"
#include "core/tenant/Tenant.h"
#include "ui/apis/ClientGrantEditor.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

ApplicationApisTab::ApplicationApisTab(Tenant &tenant, QWidget *parent)
    : QWidget(parent)
    , m_tenant(tenant)
    , m_message(new MessageBar(this))
    , m_audience(new QLabel(this))
    , m_authorized(nullptr)
    , m_editor(nullptr)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 20, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_message);
    QFrame *card = Form::card(this);
    auto *inside = new QVBoxLayout(card);
    inside->setContentsMargins(24, 18, 24, 20);
    inside->setSpacing(8);
    inside->addWidget(Form::section(tr("Auth0 Management API"), card));
    m_audience->setObjectName(QStringLiteral("apiAudienceLabel"));
    m_audience->setProperty("role", QStringLiteral("muted"));
    m_audience->setTextInteractionFlags(Qt::TextSelectableByMouse);
    inside->addWidget(m_audience);
    inside->addWidget(Form::hint(tr("An authorized application gets access tokens for this API with the "
                                    "client_credentials grant, carrying only the scopes checked below."),
                                 card));
    m_authorized = new QCheckBox(tr("Authorized"), card);
    m_authorized->setObjectName(QStringLiteral("authorizedCheck"));
    inside->addWidget(m_authorized);
    m_editor = new ClientGrantEditor(tenant.clientGrants(), m_authorized, 2, card);
    inside->addWidget(m_editor);
    layout->addWidget(card);
    layout->addStretch(1);

    connect(m_editor, &ClientGrantEditor::saved, this, [this](const QString &what) {
        m_message->showMessage(what, MessageBar::Level::Success);
    });
    connect(m_editor, &ClientGrantEditor::failed, this, [this](const QString &error) {
        m_message->showMessage(error, MessageBar::Level::Error);
    });
    connect(m_editor, &ClientGrantEditor::changedElsewhere, this, [this] {
        m_message->showMessage(tr("This authorization was changed elsewhere. Your unsaved choices are kept: "
                                  "Update applies them."),
                               MessageBar::Level::Warning);
    });
    connect(&tenant.loginServer(), &LoginServer::stateChanged, this, [this] { load(m_application); });
}

void ApplicationApisTab::load(const Application &application)
{
    m_application = application;
    m_message->clear();
    const QString audience = m_tenant.loginServer().managementAudience();
    m_audience->setText(tr("Identifier: %1").arg(audience));
    const QString error
        = m_editor->load(application.clientId, application.name, audience, tr("Management API"));
    if (!error.isEmpty())
        m_message->showMessage(error, MessageBar::Level::Error);
}
