#include "IntegrationPage.h"

#include "core/actions/IntegrationService.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/library/ConfigureIntegrationDialog.h"
#include "ui/library/ConsentDialog.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

IntegrationPage::IntegrationPage(Tenant &tenant, SmsGateway &gateway, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_gateway(gateway)
    , m_logo(new QLabel(this))
    , m_title(new QLabel(this))
    , m_publisher(new QLabel(this))
    , m_description(new QLabel(this))
    , m_details(new QLabel(this))
    , m_installedNote(Form::hint({}, this))
    , m_add(Form::button(
          tr("Add Integration"), QStringLiteral("primary"), QStringLiteral("addIntegration"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 24, 40, 32);
    layout->setSpacing(12);
    auto *back = Form::backLink(tr("Back to catalog"), this);
    layout->addWidget(back, 0, Qt::AlignLeft);

    auto *head = new QHBoxLayout;
    head->setSpacing(16);
    head->addWidget(m_logo, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    m_title->setObjectName(QStringLiteral("pageTitle"));
    m_publisher->setProperty("role", QStringLiteral("muted"));
    titles->addWidget(m_title);
    titles->addWidget(m_publisher);
    head->addLayout(titles, 1);
    head->addWidget(m_add, 0, Qt::AlignTop);
    layout->addLayout(head);
    layout->addWidget(m_installedNote);

    QFrame *card = Form::card(this);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(24, 18, 24, 20);
    cardLayout->setSpacing(10);
    cardLayout->addWidget(Form::section(tr("About this integration"), card));
    m_description->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("integrationDescription"));
    cardLayout->addWidget(m_description);
    m_details->setWordWrap(true);
    m_details->setProperty("role", QStringLiteral("muted"));
    cardLayout->addWidget(m_details);
    layout->addWidget(card);
    layout->addStretch(1);

    connect(back, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::ActionsCatalog); });
    connect(m_add, &QPushButton::clicked, this, &IntegrationPage::addIntegration);
}

void IntegrationPage::open(const QString &argument)
{
    if (!argument.isEmpty())
        m_catalogId = argument;
    const CatalogEntry *entry = m_tenant.integrations().catalog().find(m_catalogId);
    m_add->setEnabled(entry != nullptr);
    if (!entry) {
        m_title->setText(tr("Integration not found"));
        m_publisher->clear();
        m_description->setText(tr("The catalog has no integration “%1”.").arg(m_catalogId));
        m_details->clear();
        return;
    }
    m_logo->setPixmap(QIcon(entry->logo).pixmap(56, 56));
    m_title->setText(entry->name);
    m_publisher->setText(tr("by %1 · version %2").arg(entry->publisher, entry->version));
    m_description->setText(entry->description);
    QStringList asks;
    for (const IntegrationInput &input : entry->inputs)
        asks << input.label + (input.isSecret() ? tr(" (secret)") : QString());
    m_details->setText(
        tr("Runs in the %1 flow. It asks for: %2.").arg(entry->trigger, asks.join(QStringLiteral(", "))));

    const auto installed = m_tenant.integrations().findByCatalogId(m_catalogId);
    const bool already = installed && installed.value().has_value();
    m_add->setEnabled(!already);
    m_installedNote->setText(already ? tr("Already installed: find it on the Installed tab of the Library.")
                                     : QString());
    m_installedNote->setVisible(already);
}

void IntegrationPage::addIntegration()
{
    const CatalogEntry *entry = m_tenant.integrations().catalog().find(m_catalogId);
    if (!entry)
        return;
    ConsentDialog consent(*entry, this);
    if (consent.exec() != QDialog::Accepted)
        return;
    ConfigureIntegrationDialog configure(m_tenant.integrations(), m_gateway, *entry, this);
    if (configure.exec() == QDialog::Accepted)
        Q_EMIT navigate(Page::Id::ActionsLibrary, QStringLiteral("installed"));
}
