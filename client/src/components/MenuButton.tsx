import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

/** One entry of a menu: an action, or (with `checked`) an on/off setting shown with its state. */
export interface MenuItem {
  label: string;
  onSelect: () => void;
  checked?: boolean;
  disabled?: boolean;
}

interface MenuButtonProps {
  /** The button's accessible name (it shows only ⋯). */
  label: string;
  items: MenuItem[];
}

/**
 * A ⋯ button that opens a menu (the WAI-ARIA menu button pattern): arrow keys, Home and End move,
 * Enter or Space chooses, Escape closes and gives the focus back. Written here because no menu
 * library is in the tree and this one widget is smaller than a new dependency; the menu is made
 * only while open, so a board of a thousand cards holds a thousand buttons and no menus.
 */
export function MenuButton({ label, items }: MenuButtonProps) {
  const id = useId();
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  const entries = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const list = entries();
    (open === 'first' ? list[0] : list[list.length - 1])?.focus();
    const outside = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  const onMenuKey = (event: KeyboardEvent) => {
    const list = entries();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };
  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  return (
    <div className="menu-button">
      <button
        ref={button}
        type="button"
        className="button-quiet menu-trigger"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul ref={menu} id={`${id}-menu`} role="menu" aria-label={label} className="menu" onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li
              key={item.label}
              role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={item.checked}
              aria-disabled={item.disabled || undefined}
              tabIndex={-1}
              className="menu-item"
              onClick={() => choose(item)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  choose(item);
                }
              }}
            >
              {item.checked !== undefined && (
                <span className="menu-check" aria-hidden="true">
                  {item.checked ? '✓' : ''}
                </span>
              )}
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
