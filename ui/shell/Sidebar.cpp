#include "Sidebar.h"

#include "ui/shell/Theme.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace {
constexpr int PageRole = Qt::UserRole;
constexpr int IconRole = Qt::UserRole + 1;
} // namespace

Sidebar::Sidebar(QWidget *parent)
    : QWidget(parent)
    , m_tenant(new QLabel(this))
    , m_location(new QLabel(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("sidebar"));
    setAttribute(Qt::WA_StyledBackground);
    setFixedWidth(232);

    auto *brand = new QLabel(QStringLiteral("Authdeck"), this);
    brand->setObjectName(QStringLiteral("sidebarBrand"));
    m_tenant->setObjectName(QStringLiteral("sidebarTenant"));
    m_tenant->setWordWrap(true);
    m_location->setObjectName(QStringLiteral("sidebarTenantLocation"));
    m_list->setObjectName(QStringLiteral("sidebarList"));
    m_list->setAccessibleName(tr("Navigation"));
    m_list->setIconSize(QSize(18, 18));
    m_list->setFocusPolicy(Qt::StrongFocus);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 8);
    layout->setSpacing(0);
    layout->addWidget(brand);
    layout->addWidget(m_tenant);
    layout->addWidget(m_location);
    layout->addWidget(m_list, 1);

    // Selection, not the current item: a screen reader selects an entry (its Toggle action, or the list's
    // selection) without moving the current item; a click and the arrow keys select as well.
    connect(m_list, &QListWidget::itemSelectionChanged, this, [this] {
        const QList<QListWidgetItem *> selected = m_list->selectedItems();
        if (selected.size() == 1 && selected.constFirst()->data(PageRole).isValid())
            Q_EMIT pageRequested(selected.constFirst()->data(PageRole).value<Page::Id>());
    });
    connect(&Theme::instance(), &Theme::changed, this, &Sidebar::updateIcons);
}

void Sidebar::addSection(const QString &title)
{
    auto *item = new QListWidgetItem(title.toUpper(), m_list);
    item->setFlags(Qt::NoItemFlags);
    // Not the name of the entry below it, which often has the same title.
    item->setData(Qt::AccessibleTextRole, tr("%1 section").arg(title));
}

void Sidebar::addEntry(Page::Id page, const QString &title, const QString &icon)
{
    auto *item = new QListWidgetItem(title, m_list);
    item->setData(PageRole, QVariant::fromValue(page));
    item->setData(IconRole, icon);
    item->setIcon(Theme::instance().icon(icon));
}

void Sidebar::setCurrent(Page::Id page)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->data(PageRole).isValid() && item->data(PageRole).value<Page::Id>() == page) {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentItem(item);
            return;
        }
    }
}

void Sidebar::setTenantName(const QString &name)
{
    m_tenant->setText(name);
    m_tenant->setToolTip(name);
}

void Sidebar::setTenantLocation(const QString &location)
{
    // Long paths lose their middle, not their file name; the tooltip and screen readers get it whole.
    m_location->ensurePolished(); // the style sheet's font and padding
    const int room = width() - 32; // the padding of #sidebarTenantLocation
    m_location->setText(m_location->fontMetrics().elidedText(location, Qt::ElideMiddle, room));
    m_location->setToolTip(location);
    m_location->setAccessibleName(location);
}

void Sidebar::updateIcons()
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->data(IconRole).isValid())
            item->setIcon(Theme::instance().icon(item->data(IconRole).toString()));
    }
}
