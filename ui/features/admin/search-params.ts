/** The admin page's URL: `?user=` names the user whose permissions the panel shows. */
export const SELECTED_USER_PARAM = "user";

export function parseSelectedUser(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const value = params instanceof URLSearchParams ? params.get(SELECTED_USER_PARAM) : params[SELECTED_USER_PARAM];
  const user = Array.isArray(value) ? value[0] : value;
  return user && user.length <= 256 ? user : null;
}
