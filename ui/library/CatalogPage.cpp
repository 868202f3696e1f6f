#include "CatalogPage.h"

#include "core/actions/IntegrationCatalog.h"
#include "ui/common/Form.h"
#include "ui/common/SearchField.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

CatalogPage::CatalogPage(const IntegrationCatalog &catalog, QWidget *parent)
    : Page(parent)
    , m_catalog(catalog)
    , m_search(new SearchField(this))
    , m_results(new QVBoxLayout)
    , m_empty(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 24, 40, 32);
    layout->setSpacing(16);
    auto *back = Form::backLink(tr("Back to Library"), this);
    layout->addWidget(back, 0, Qt::AlignLeft);
    layout->addWidget(
        Form::pageHeader(tr("Add Integration"),
                         tr("Integrations are ready-made actions from partners: install one, give it "
                            "its credentials, and add it to a flow.")));
    m_search->setObjectName(QStringLiteral("catalogSearch"));
    m_search->setPlaceholderText(tr("Search integrations, e.g. Plivo"));
    m_search->setAccessibleName(tr("Search integrations"));
    m_search->setMaximumWidth(420);
    layout->addWidget(m_search);
    m_results->setSpacing(10);
    layout->addLayout(m_results);
    m_empty->setObjectName(QStringLiteral("catalogEmpty"));
    m_empty->setProperty("role", QStringLiteral("muted"));
    layout->addWidget(m_empty);
    layout->addStretch(1);

    connect(back, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::ActionsLibrary); });
    connect(m_search, &QLineEdit::textChanged, this, &CatalogPage::filter);
}

void CatalogPage::open(const QString &)
{
    filter(m_search->text());
    m_search->setFocus();
}

void CatalogPage::filter(const QString &text)
{
    while (QLayoutItem *item = m_results->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QList<CatalogEntry> entries = m_catalog.search(text);
    for (const CatalogEntry &entry : entries) {
        auto *card = new QPushButton(this);
        card->setObjectName(QStringLiteral("catalog-") + entry.id);
        card->setProperty("kind", QStringLiteral("tile"));
        card->setAccessibleName(entry.name);
        card->setAccessibleDescription(entry.summary);
        card->setCursor(Qt::PointingHandCursor);
        card->setMinimumHeight(72);
        auto *row = new QHBoxLayout(card);
        row->setContentsMargins(16, 12, 16, 12);
        row->setSpacing(14);
        auto *logo = new QLabel(card);
        logo->setPixmap(QIcon(entry.logo).pixmap(40, 40));
        row->addWidget(logo);
        auto *text = new QVBoxLayout;
        text->setSpacing(2);
        auto *name = new QLabel(entry.name, card);
        name->setProperty("role", QStringLiteral("fieldLabel"));
        text->addWidget(name);
        text->addWidget(
            Form::hint(tr("%1 · by %2 · %3").arg(entry.summary, entry.publisher, entry.trigger), card));
        row->addLayout(text, 1);
        for (QLabel *label : card->findChildren<QLabel *>())
            label->setAttribute(Qt::WA_TransparentForMouseEvents);
        const QString id = entry.id;
        connect(
            card, &QPushButton::clicked, this, [this, id] { Q_EMIT navigate(Page::Id::Integration, id); });
        m_results->addWidget(card);
    }
    m_empty->setText(tr("No integration matches “%1”.").arg(text));
    m_empty->setVisible(entries.isEmpty());
}
