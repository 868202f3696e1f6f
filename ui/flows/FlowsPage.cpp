#include "FlowsPage.h"

#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "ui/common/Form.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

FlowsPage::FlowsPage(FlowService &flows, QWidget *parent)
    : Page(parent)
    , m_flows(flows)
    , m_list(new QVBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    layout->addWidget(
        Form::pageHeader(tr("Flows"),
                         tr("Each flow runs its actions, in order, when its trigger fires. Pick a "
                            "flow to add, order or remove actions.")));
    m_list->setSpacing(10);
    layout->addLayout(m_list);
    layout->addStretch(1);
    const auto readAgain = [this] {
        if (isVisible())
            rebuild();
    };
    connect(&flows, &FlowService::flowApplied, this, readAgain);
    connect(&flows, &FlowService::changedElsewhere, this, readAgain);
    connect(&Theme::instance(), &Theme::changed, this, &FlowsPage::rebuild);
}

void FlowsPage::open(const QString &)
{
    rebuild();
}

void FlowsPage::rebuild()
{
    while (QLayoutItem *item = m_list->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto counts = m_flows.counts();
    for (const Trigger &trigger : Triggers::all()) {
        auto *tile = new QPushButton(this);
        tile->setObjectName(QStringLiteral("flow-") + trigger.id);
        tile->setProperty("kind", QStringLiteral("tile"));
        tile->setCursor(Qt::PointingHandCursor);
        tile->setMinimumHeight(68);
        const int count = counts ? counts.value().value(trigger.id) : 0;
        const QString bound = count == 0 ? tr("No actions")
            : count == 1                 ? tr("1 action")
                                         : tr("%1 actions").arg(count);
        tile->setAccessibleName(tr("%1 flow, %2").arg(trigger.label, bound));
        tile->setAccessibleDescription(trigger.description);
        auto *row = new QHBoxLayout(tile);
        row->setContentsMargins(16, 12, 16, 12);
        auto *text = new QVBoxLayout;
        text->setSpacing(2);
        auto *name = new QLabel(trigger.label, tile);
        name->setProperty("role", QStringLiteral("fieldLabel"));
        text->addWidget(name);
        text->addWidget(Form::hint(trigger.description, tile));
        row->addLayout(text, 1);
        auto *badge = new QLabel(bound, tile);
        badge->setObjectName(QStringLiteral("count"));
        badge->setProperty("role", QStringLiteral("badge"));
        row->addWidget(badge, 0, Qt::AlignVCenter);
        for (QLabel *label : tile->findChildren<QLabel *>())
            label->setAttribute(Qt::WA_TransparentForMouseEvents);
        const QString id = trigger.id;
        connect(tile, &QPushButton::clicked, this, [this, id] { Q_EMIT navigate(Page::Id::FlowEditor, id); });
        m_list->addWidget(tile);
    }
}
