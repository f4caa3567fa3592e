export default { root: 'src' };
